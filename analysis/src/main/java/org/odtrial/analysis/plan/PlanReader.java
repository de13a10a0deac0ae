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

  static final List<String> KEYS =
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
          "multiple_imputation",
          "estimands");

  /** Bounds of {@code permutation.draws}. */
  static final int MIN_DRAWS = 1_000;

  static final int MAX_DRAWS = 10_000_000;

  /** Bounds of {@code multiple_imputation.imputations}: Rubin's rules need at least 2. */
  static final int MIN_IMPUTATIONS = 2;

  static final int MAX_IMPUTATIONS = 1_000;

  /** Largest seed: 2^53 - 1, so that every JSON reader keeps it exactly. */
  static final long MAX_SEED = (1L << 53) - 1;

  /** Largest |shift| of the tipping-point grid, in score points. */
  static final double MAX_DELTA = 1_000;

  /** Most shifts in the tipping-point grid. */
  static final int MAX_DELTAS = 200;

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
    AnalysisPlan.MultipleImputation mi =
        root.has("multiple_imputation")
            ? multipleImputation(
                root.get("multiple_imputation"),
                source,
                defaults == null ? null : defaults.multipleImputation())
            : defaults.multipleImputation();
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
        name,
        horizon,
        times,
        confType,
        covariates,
        recovery,
        subgroups,
        permutation,
        mi,
        estimands);
  }

  private static AnalysisPlan.Permutation permutation(
      JsonNode node, String source, AnalysisPlan.Permutation defaults) {
    settings(
        node,
        source,
        "permutation",
        List.of("draws", "seed"),
        "{\"draws\": 10000, \"seed\": 20261124}");
    int draws =
        node.has("draws")
            ? bounded(node.get("draws"), source, "permutation.draws", MIN_DRAWS, MAX_DRAWS)
            : defaults == null ? 0 : defaults.draws();
    long seed =
        node.has("seed")
            ? seed(node.get("seed"), source, "permutation.seed")
            : defaults == null ? 0 : defaults.seed();
    if (defaults == null && (!node.has("draws") || !node.has("seed"))) {
      throw error(source, "permutation must set both draws and seed");
    }
    return new AnalysisPlan.Permutation(draws, seed);
  }

  private static AnalysisPlan.MultipleImputation multipleImputation(
      JsonNode node, String source, AnalysisPlan.MultipleImputation defaults) {
    settings(
        node,
        source,
        "multiple_imputation",
        List.of("imputations", "seed", "tipping_deltas"),
        "{\"imputations\": 20, \"seed\": 1, \"tipping_deltas\": [-5, -2.5, 2.5, 5]}");
    if (defaults == null && !(node.has("imputations") && node.has("seed"))) {
      throw error(source, "multiple_imputation must set imputations, seed and tipping_deltas");
    }
    int m =
        node.has("imputations")
            ? bounded(
                node.get("imputations"),
                source,
                "multiple_imputation.imputations",
                MIN_IMPUTATIONS,
                MAX_IMPUTATIONS)
            : defaults == null ? 0 : defaults.imputations();
    long seed =
        node.has("seed")
            ? seed(node.get("seed"), source, "multiple_imputation.seed")
            : defaults == null ? 0 : defaults.seed();
    List<Double> deltas = defaults == null ? null : defaults.tippingDeltas();
    if (node.has("tipping_deltas")) {
      deltas = deltas(node.get("tipping_deltas"), source);
    } else if (deltas == null) {
      throw error(source, "multiple_imputation must set imputations, seed and tipping_deltas");
    }
    return new AnalysisPlan.MultipleImputation(m, seed, deltas);
  }

  private static List<Double> deltas(JsonNode node, String source) {
    String key = "multiple_imputation.tipping_deltas";
    if (!node.isArray() || node.isEmpty()) {
      throw error(source, key + " must be a non-empty list of numbers such as [-5, -2.5, 2.5, 5]");
    }
    if (node.size() > MAX_DELTAS) {
      throw error(
          source,
          String.format(
              Locale.ROOT, "%s may list at most %d shifts, got %d", key, MAX_DELTAS, node.size()));
    }
    List<Double> out = new ArrayList<>();
    for (JsonNode v : node) {
      if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
        throw error(source, key + " must hold numbers (score points), got " + v);
      }
      double d = v.doubleValue();
      if (d == 0 || Math.abs(d) > MAX_DELTA) {
        throw error(
            source,
            String.format(
                Locale.ROOT,
                "%s values must be non-zero and within -%d to %d score points, got %s",
                key,
                (int) MAX_DELTA,
                (int) MAX_DELTA,
                v));
      }
      if (!out.isEmpty() && !(d > out.get(out.size() - 1))) {
        throw error(source, key + " must be in increasing order without repeats, got " + node);
      }
      out.add(d);
    }
    return out;
  }

  /** An object of settings that may set only these keys. */
  private static void settings(
      JsonNode node, String source, String name, List<String> keys, String example) {
    if (!node.isObject()) {
      throw error(source, name + " must be an object such as " + example);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!keys.contains(key)) {
        throw error(
            source,
            "unknown key \""
                + name
                + "."
                + key
                + "\"; "
                + name
                + " may set "
                + String.join(", ", keys));
      }
    }
  }

  private static int bounded(JsonNode v, String source, String key, int min, int max) {
    int value = integer(v, source, key);
    if (value < min || value > max) {
      throw error(
          source,
          String.format(Locale.ROOT, "%s must be from %d to %d, got %d", key, min, max, value));
    }
    return value;
  }

  /** A generator seed: a whole number from 0 to 2^53 - 1. */
  private static long seed(JsonNode v, String source, String key) {
    if (!v.isIntegralNumber()
        || !v.canConvertToLong()
        || v.longValue() < 0
        || v.longValue() > MAX_SEED) {
      throw error(
          source,
          String.format(
              Locale.ROOT, "%s must be a whole number from 0 to %d, got %s", key, MAX_SEED, v));
    }
    return v.longValue();
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
            "covariates names \""
                + name
                + "\"; covariates are "
                + String.join(", ", AnalysisPlan.KNOWN_COVARIATES));
      }
      if (!seen.add(name)) {
        throw error(source, "covariates lists \"" + name + "\" twice");
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
