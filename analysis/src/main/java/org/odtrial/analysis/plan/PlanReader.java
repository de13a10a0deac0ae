package org.odtrial.analysis.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.ingest.contract.Instrument;

/**
 * Reads a plan file (JSON), checking every key and value; a missing key keeps the default plan's
 * value. A plan without {@code estimands} (every version-1 plan) gets the default estimands built
 * from its own instruments and months.
 */
public final class PlanReader {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final List<String> KEYS =
      List.of(
          "plan_version",
          "name",
          "horizon_days",
          "km_times_days",
          "km_conf_type",
          "covariates",
          "recovery",
          "subgroups",
          "permutation",
          "estimands");

  /** Bounds of {@code permutation.draws}. */
  static final int MIN_DRAWS = 1_000;

  static final int MAX_DRAWS = 10_000_000;

  /** Largest seed: 2^53 - 1, so that every JSON reader keeps it exactly. */
  static final long MAX_SEED = (1L << 53) - 1;

  /** The plan format written: version 2, built from estimands. */
  static final int VERSION = 2;

  /** Longest horizon accepted: ten years. */
  static final int MAX_HORIZON_DAYS = 3653;

  private PlanReader() {}

  /** Reads a plan file; values it leaves out come from the default plan. */
  public static AnalysisPlan read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AnalysisException("cannot read plan file " + file + ": " + e.getMessage(), e);
    }
    return read(text, file.getFileName().toString(), AnalysisPlan.defaults());
  }

  /**
   * Reads a plan from JSON text; values it leaves out come from the default plan.
   *
   * @param source how messages name the plan (a file name)
   */
  public static AnalysisPlan read(String json, String source) {
    return read(json, source, AnalysisPlan.defaults());
  }

  static AnalysisPlan read(String json, String source, AnalysisPlan defaults) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw error(
          source,
          "is not valid JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
    }
    if (root == null || !root.isObject()) {
      throw error(
          source, "must be one JSON object, such as the output of 'odtrial plan --default'");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw error(
            source,
            "unknown key \"" + key + "\"; the keys a plan may set are " + String.join(", ", KEYS));
      }
    }
    String name =
        root.has("name")
            ? text(root.get("name"), source, "name")
            : defaults == null ? null : defaults.name();
    int horizon =
        root.has("horizon_days")
            ? integer(root.get("horizon_days"), source, "horizon_days")
            : defaults.horizonDays();
    checkHorizon(horizon, "plan " + source + ": horizon_days");
    List<Integer> times =
        root.has("km_times_days")
            ? positiveInts(root.get("km_times_days"), source, "km_times_days", Integer.MAX_VALUE)
            : defaults.kmTimesDays();
    String confType =
        root.has("km_conf_type")
            ? text(root.get("km_conf_type"), source, "km_conf_type")
            : defaults.kmConfType();
    if (!AnalysisPlan.KNOWN_CONF_TYPES.contains(confType)) {
      throw error(
          source,
          "km_conf_type must be one of "
              + String.join(", ", AnalysisPlan.KNOWN_CONF_TYPES)
              + ", got \""
              + confType
              + "\"");
    }
    List<String> covariates =
        root.has("covariates") ? covariates(root.get("covariates"), source) : defaults.covariates();
    Map<String, List<Integer>> recovery =
        root.has("recovery") ? recovery(root.get("recovery"), source) : defaults.recovery();
    List<String> subgroups =
        root.has("subgroups") ? subgroups(root.get("subgroups"), source) : defaults.subgroups();
    AnalysisPlan.Permutation permutation =
        root.has("permutation")
            ? permutation(
                root.get("permutation"), source, defaults == null ? null : defaults.permutation())
            : defaults.permutation();
    if (name == null || name.isBlank()) {
      throw error(source, "name must be a non-empty text");
    }
    JsonNode version = root.get("plan_version");
    if (version != null && !(version.isIntegralNumber() && version.asLong() == VERSION)) {
      throw error(
          source,
          "plan_version must be "
              + VERSION
              + ", got "
              + version
              + " (a version-1 plan has no plan_version: leave the key out)");
    }
    List<Estimand> estimands;
    if (root.has("estimands")) {
      if (version == null) {
        throw error(
            source,
            "estimands are a version-2 key: the plan must say \"plan_version\": " + VERSION);
      }
      estimands = EstimandReader.read(root.get("estimands"), source, recovery, subgroups);
    } else {
      estimands = DefaultEstimands.of(recovery);
    }
    return new AnalysisPlan(
        name, horizon, times, confType, covariates, recovery, subgroups, permutation, estimands);
  }

  private static AnalysisPlan.Permutation permutation(
      JsonNode node, String source, AnalysisPlan.Permutation defaults) {
    if (!node.isObject()) {
      throw error(
          source, "permutation must be an object such as {\"draws\": 10000, \"seed\": 20261124}");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("draws") && !key.equals("seed")) {
        throw error(
            source, "unknown key \"permutation." + key + "\"; permutation may set draws, seed");
      }
    }
    int draws = defaults == null ? 0 : defaults.draws();
    if (node.has("draws")) {
      draws = integer(node.get("draws"), source, "permutation.draws");
      if (draws < MIN_DRAWS || draws > MAX_DRAWS) {
        throw error(
            source,
            String.format(
                Locale.ROOT,
                "permutation.draws must be from %d to %d, got %d",
                MIN_DRAWS,
                MAX_DRAWS,
                draws));
      }
    }
    long seed = defaults == null ? 0 : defaults.seed();
    if (node.has("seed")) {
      JsonNode v = node.get("seed");
      if (!v.isIntegralNumber()
          || !v.canConvertToLong()
          || v.longValue() < 0
          || v.longValue() > MAX_SEED) {
        throw error(
            source,
            String.format(
                Locale.ROOT,
                "permutation.seed must be a whole number from 0 to %d, got %s",
                MAX_SEED,
                v));
      }
      seed = v.longValue();
    }
    if (defaults == null && (!node.has("draws") || !node.has("seed"))) {
      throw error(source, "permutation must set both draws and seed");
    }
    return new AnalysisPlan.Permutation(draws, seed);
  }

  static void checkHorizon(int days, String what) {
    if (days < 1 || days > MAX_HORIZON_DAYS) {
      throw new AnalysisException(
          String.format(
              Locale.ROOT,
              "%s must be a whole number of days from 1 to %d, got %d",
              what,
              MAX_HORIZON_DAYS,
              days));
    }
  }

  private static List<String> covariates(JsonNode node, String source) {
    if (!node.isArray()) {
      throw error(source, "covariates must be a list such as [\"age\", \"sex\"]");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode c : node) {
      String name = text(c, source, "covariates");
      if (!AnalysisPlan.KNOWN_COVARIATES.contains(name)) {
        throw error(
            source,
            "covariate \""
                + name
                + "\" is not one of "
                + String.join(", ", AnalysisPlan.KNOWN_COVARIATES));
      }
      if (!seen.add(name)) {
        throw error(source, "covariate \"" + name + "\" is listed twice");
      }
    }
    return new ArrayList<>(seen);
  }

  private static List<String> subgroups(JsonNode node, String source) {
    if (!node.isArray()) {
      throw error(source, "subgroups must be a list such as [\"sex\", \"diagnosis\"]");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode v : node) {
      String name = text(v, source, "subgroups");
      if (!AnalysisPlan.KNOWN_SUBGROUPS.contains(name)) {
        throw error(
            source,
            "subgroups names \""
                + name
                + "\"; subgroup variables are "
                + String.join(", ", AnalysisPlan.KNOWN_SUBGROUPS));
      }
      if (!seen.add(name)) {
        throw error(source, "subgroups lists \"" + name + "\" twice");
      }
    }
    return new ArrayList<>(seen);
  }

  private static Map<String, List<Integer>> recovery(JsonNode node, String source) {
    if (!node.isObject()) {
      throw error(
          source,
          "recovery must be an object of instrument to months, such as {\"QPR\": [12, 24]}");
    }
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String instrument = e.getKey();
      boolean known = false;
      for (Instrument i : Instrument.values()) {
        known |= i.name().equals(instrument);
      }
      if (!known) {
        throw error(
            source,
            "recovery names unknown instrument \""
                + instrument
                + "\"; instruments are QPR, BPRS, SDMQ9, SPS, CSQ8, EQ5D_VAS");
      }
      List<Integer> months = positiveInts(e.getValue(), source, "recovery." + instrument, 60);
      out.put(instrument, months);
    }
    return out;
  }

  private static List<Integer> positiveInts(JsonNode node, String source, String key, int max) {
    if (!node.isArray()) {
      throw error(source, key + " must be a list of whole numbers");
    }
    Set<Integer> values = new LinkedHashSet<>();
    for (JsonNode v : node) {
      int i = integer(v, source, key);
      if (i < 1 || i > max) {
        throw error(
            source,
            String.format(Locale.ROOT, "%s values must be from 1 to %d, got %d", key, max, i));
      }
      if (!values.add(i)) {
        throw error(source, key + " lists " + i + " twice");
      }
    }
    List<Integer> sorted = new ArrayList<>(values);
    sorted.sort(null);
    if (!sorted.equals(new ArrayList<>(values))) {
      throw error(source, key + " must be in increasing order");
    }
    return sorted;
  }

  private static int integer(JsonNode v, String source, String key) {
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw error(source, key + " must be a whole number, got " + v);
    }
    return v.intValue();
  }

  private static String text(JsonNode v, String source, String key) {
    if (!v.isTextual()) {
      throw error(source, key + " must be a text in quotes, got " + v);
    }
    return v.textValue();
  }

  static AnalysisException error(String source, String message) {
    return new AnalysisException("plan " + source + ": " + message);
  }
}
