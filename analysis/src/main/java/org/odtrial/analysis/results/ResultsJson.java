package org.odtrial.analysis.results;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.analysis.plan.Estimand;

/**
 * Writes results.json: fixed field order, fields that do not apply left out, in {@link JsonStyle};
 * and reads it back ({@link #read(Path)}), so a report can show the results of an analysis already
 * run.
 */
public final class ResultsJson {
  private ResultsJson() {}

  public static String toJson(Results r) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonStyle.generator(out)) {
      g.writeStartObject();
      g.writeNumberField("results_version", Results.VERSION);
      g.writeStringField("odtrial_version", r.odtrialVersion());
      g.writeObjectFieldStart("data");
      g.writeNumberField("load", r.load());
      g.writeStringField("sha256", r.loadSha256());
      g.writeBooleanField("blinded", r.blinded());
      g.writeEndObject();
      g.writeObjectFieldStart("plan");
      g.writeStringField("name", r.planName());
      g.writeStringField("sha256", r.planSha256());
      g.writeNumberField("horizon_days", r.horizonDays());
      g.writeEndObject();
      // the plan's estimands beside the numbers: each names its main and sensitivity rows
      g.writeArrayFieldStart("estimands");
      for (Estimand e : r.estimands()) {
        value(g, e.fields());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("estimates");
      for (Estimate e : r.estimates()) {
        write(g, e);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("warnings");
      for (String w : r.warnings()) {
        g.writeString(w);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.append('\n').toString();
  }

  private static void write(JsonGenerator g, Estimate e) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", e.id().value());
    g.writeStringField("estimand", e.estimand());
    string(g, "contrast", e.contrast());
    string(g, "arm", e.arm());
    if (e.timeDays() != null) {
      g.writeNumberField("time_days", e.timeDays());
    }
    // An estimate that could not be computed keeps "estimate": null beside its note so a reader
    // sees the gap;
    // descriptive rows (meetings, fidelity) have no single estimate and carry their figures as
    // extras.
    if (e.estimate() != null) {
      g.writeNumberField("estimate", e.estimate());
    } else if (e.note() != null) {
      g.writeNullField("estimate");
    }
    number(g, "se", e.se());
    number(g, "ci_low", e.ciLow());
    number(g, "ci_high", e.ciHigh());
    number(g, "p_value", e.pValue());
    if (e.df() != null) {
      // a chi-square test's whole df is written as an integer, as version 1 did
      double df = e.df();
      if (df == Math.rint(df) && Math.abs(df) < 1e15) {
        g.writeNumberField("df", (long) df);
      } else {
        g.writeNumberField("df", df);
      }
    }
    if (e.n() != null) {
      g.writeNumberField("n", e.n());
    }
    if (e.events() != null) {
      g.writeNumberField("events", e.events());
    }
    if (e.clusters() != null) {
      g.writeNumberField("clusters", e.clusters());
    }
    string(g, "method", e.method());
    string(g, "note", e.note());
    for (Map.Entry<String, Object> x : e.extras().entrySet()) {
      g.writeFieldName(x.getKey());
      value(g, x.getValue());
    }
    g.writeEndObject();
  }

  private static void value(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        value(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> x : map.entrySet()) {
        g.writeFieldName(x.getKey().toString());
        value(g, x.getValue());
      }
      g.writeEndObject();
    } else {
      g.writeString(v.toString());
    }
  }

  private static void string(JsonGenerator g, String name, String v) throws IOException {
    if (v != null) {
      g.writeStringField(name, v);
    }
  }

  private static void number(JsonGenerator g, String name, Double v) throws IOException {
    if (v != null) {
      g.writeNumberField(name, v);
    }
  }

  /** Keys of the top level, of "data" and of "plan", as {@link #toJson} writes them. */
  private static final List<String> TOP =
      List.of(
          "results_version",
          "odtrial_version",
          "data",
          "plan",
          "estimands",
          "estimates",
          "warnings");

  private static final List<String> DATA = List.of("load", "sha256", "blinded");
  private static final List<String> PLAN = List.of("name", "sha256", "horizon_days");

  /** The fields of a row that {@link #write} names; any other key is a row-specific extra. */
  private static final Set<String> ROW_FIELDS = Set.copyOf(ResultsCsv.FIXED);

  private static final JsonFactory READER = JsonFactory.builder().build();

  /**
   * Reads a results.json file that {@link #toJson} wrote (by {@code odtrial analyse}, or beside a
   * report). Numbers read back to the same values: doubles exactly (they are written in their
   * shortest round-trip form), whole numbers as Long; so {@code toJson(read(toJson(r)))} is {@code
   * toJson(r)}.
   *
   * @throws AnalysisException naming the file and the place in it when the file is not UTF-8 JSON
   *     of this shape (another tool's JSON, another results version, a damaged file)
   */
  public static Results read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new AnalysisException(file + ": not a results.json: the file is not UTF-8 text");
    }
    return read(text, file.toString());
  }

  /**
   * Reads results.json text, as {@link #read(Path)}; {@code source} names it in messages.
   *
   * @throws AnalysisException when the text is not results.json of the version this odtrial writes
   */
  public static Results read(String json, String source) {
    Object root;
    try (JsonParser p = READER.createParser(json)) {
      if (p.nextToken() == null) {
        throw new AnalysisException("the file is empty");
      }
      root = value(p, "");
      if (p.nextToken() != null) {
        throw new AnalysisException("more JSON follows the results object");
      }
    } catch (JsonProcessingException e) {
      throw new AnalysisException(
          String.format(
              Locale.ROOT,
              "%s: not a results.json: invalid JSON at line %d, column %d: %s",
              source,
              e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
              e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
              e.getOriginalMessage()));
    } catch (AnalysisException e) {
      throw new AnalysisException(source + ": not a results.json: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return results(root);
    } catch (AnalysisException e) {
      throw new AnalysisException(source + ": not a results.json of odtrial: " + e.getMessage());
    }
  }

  /**
   * The JSON value at the parser's current token: a map (keys in file order), list, String,
   * Boolean, null, Long (a whole number) or Double (a number with a fraction or exponent).
   */
  private static Object value(JsonParser p, String where) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String at = where.isEmpty() ? key : where + "." + key;
            if (m.containsKey(key)) {
              throw new AnalysisException(at + ": the key is given twice");
            }
            p.nextToken();
            m.put(key, value(p, at));
          }
          return Collections.unmodifiableMap(m);
        }
      case START_ARRAY:
        {
          List<Object> l = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            l.add(value(p, where + "[" + l.size() + "]"));
          }
          // not List.copyOf: a list of doubles holds null where a value was not finite
          return Collections.unmodifiableList(l);
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw new AnalysisException(where + ": " + p.getText() + " is out of range");
        }
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        {
          // the JDK's parser reads the shortest round-trip form back to the very same double
          double d = Double.parseDouble(p.getText());
          if (Double.isInfinite(d)) {
            throw new AnalysisException(where + ": " + p.getText() + " is out of range");
          }
          return d;
        }
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new AnalysisException(where + ": unexpected " + t);
    }
  }

  private static Results results(Object rootValue) {
    Map<String, Object> root = object(rootValue, "the file", TOP);
    Object version = root.get("results_version");
    if (!(version instanceof Long v)) {
      throw new AnalysisException(
          "\"results_version\" must be a whole number (results.json written by 'odtrial"
              + " analyse' starts with \"results_version\": "
              + Results.VERSION
              + ")");
    }
    if (v != Results.VERSION) {
      throw new AnalysisException(
          "results_version "
              + v
              + " is not the version this odtrial reads ("
              + Results.VERSION
              + "); run 'odtrial analyse' with this odtrial to write the results again");
    }
    Map<String, Object> data = object(root.get("data"), "data", DATA);
    Map<String, Object> plan = object(root.get("plan"), "plan", PLAN);
    List<Estimand> estimands = new ArrayList<>();
    List<Object> estimandList = list(root.get("estimands"), "estimands");
    for (int i = 0; i < estimandList.size(); i++) {
      String at = "estimands[" + i + "]";
      estimands.add(Estimand.ofFields(object(estimandList.get(i), at, null), at));
    }
    List<Estimate> estimates = new ArrayList<>();
    List<Object> rows = list(root.get("estimates"), "estimates");
    for (int i = 0; i < rows.size(); i++) {
      estimates.add(estimate(rows.get(i), "estimates[" + i + "]"));
    }
    List<String> warnings = new ArrayList<>();
    List<Object> w = list(root.get("warnings"), "warnings");
    for (int i = 0; i < w.size(); i++) {
      warnings.add(text(w.get(i), "warnings[" + i + "]"));
    }
    return new Results(
        text(root.get("odtrial_version"), "odtrial_version"),
        whole(data.get("load"), "data.load", 1),
        text(data.get("sha256"), "data.sha256"),
        bool(data.get("blinded"), "data.blinded"),
        text(plan.get("name"), "plan.name"),
        text(plan.get("sha256"), "plan.sha256"),
        whole(plan.get("horizon_days"), "plan.horizon_days", 1),
        estimates,
        warnings,
        estimands);
  }

  private static Estimate estimate(Object v, String at) {
    Map<String, Object> f = object(v, at, null);
    if (!f.containsKey("id")) {
      throw new AnalysisException(at + ": missing \"id\"");
    }
    if (!f.containsKey("estimand")) {
      throw new AnalysisException(at + ": missing \"estimand\"");
    }
    RowId id;
    String idText = text(f.get("id"), at + ".id");
    try {
      id = new RowId(idText);
    } catch (IllegalArgumentException e) {
      throw new AnalysisException(at + ".id: " + e.getMessage());
    }
    String note = optionalText(f, "note", at);
    Double estimate = optionalNumber(f, "estimate", at);
    if (f.containsKey("estimate") && estimate == null && note == null) {
      // the writer leaves out an estimate that does not apply; null is kept only beside its note
      throw new AnalysisException(at + ".estimate: null without a note saying why");
    }
    Long n = optionalWhole(f, "n", at);
    Long events = optionalWhole(f, "events", at);
    Long timeDays = optionalWhole(f, "time_days", at);
    Long clusters = optionalWhole(f, "clusters", at);
    Map<String, Object> extras = new LinkedHashMap<>();
    f.forEach(
        (k, x) -> {
          if (!ROW_FIELDS.contains(k)) {
            extras.put(k, x);
          }
        });
    return new Estimate(
        id,
        text(f.get("estimand"), at + ".estimand"),
        optionalText(f, "contrast", at),
        optionalText(f, "arm", at),
        timeDays == null ? null : toInt(timeDays, at + ".time_days"),
        estimate,
        optionalNumber(f, "se", at),
        optionalNumber(f, "ci_low", at),
        optionalNumber(f, "ci_high", at),
        optionalNumber(f, "p_value", at),
        optionalNumber(f, "df", at),
        n,
        events,
        clusters == null ? null : toInt(clusters, at + ".clusters"),
        optionalText(f, "method", at),
        note,
        extras);
  }

  /** An object with only {@code keys} (null: any) and all of them. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object v, String at, List<String> keys) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new AnalysisException(at + ": must be an object, got " + kind(v));
    }
    Map<String, Object> map = (Map<String, Object>) m;
    if (keys != null) {
      for (String k : map.keySet()) {
        if (!keys.contains(k)) {
          throw new AnalysisException(
              at + ": unknown key \"" + k + "\"; it has " + String.join(", ", keys));
        }
      }
      for (String k : keys) {
        if (!map.containsKey(k)) {
          throw new AnalysisException(at + ": missing \"" + k + "\"");
        }
      }
    }
    return map;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object v, String at) {
    if (!(v instanceof List<?> l)) {
      throw new AnalysisException(at + ": must be a list, got " + kind(v));
    }
    return (List<Object>) l;
  }

  private static String text(Object v, String at) {
    if (!(v instanceof String s)) {
      throw new AnalysisException(at + ": must be a text, got " + kind(v));
    }
    return s;
  }

  private static boolean bool(Object v, String at) {
    if (!(v instanceof Boolean b)) {
      throw new AnalysisException(at + ": must be true or false, got " + kind(v));
    }
    return b;
  }

  private static int whole(Object v, String at, int min) {
    if (!(v instanceof Long l)) {
      throw new AnalysisException(at + ": must be a whole number, got " + kind(v));
    }
    if (l < min) {
      throw new AnalysisException(at + ": must be at least " + min + ", got " + l);
    }
    return toInt(l, at);
  }

  private static int toInt(long v, String at) {
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new AnalysisException(at + ": " + v + " is out of range");
    }
    return (int) v;
  }

  private static String optionalText(Map<String, Object> f, String key, String at) {
    return f.containsKey(key) ? text(f.get(key), at + "." + key) : null;
  }

  private static Long optionalWhole(Map<String, Object> f, String key, String at) {
    if (!f.containsKey(key)) {
      return null;
    }
    Object v = f.get(key);
    if (!(v instanceof Long l)) {
      throw new AnalysisException(at + "." + key + ": must be a whole number, got " + kind(v));
    }
    return l;
  }

  /** A number field; null only for "estimate" (a row that could not be computed). */
  private static Double optionalNumber(Map<String, Object> f, String key, String at) {
    if (!f.containsKey(key)) {
      return null;
    }
    Object v = f.get(key);
    if (v == null && key.equals("estimate")) {
      return null;
    }
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Long l) {
      // whole degrees of freedom are written as whole numbers
      return (double) l;
    }
    throw new AnalysisException(at + "." + key + ": must be a number, got " + kind(v));
  }

  /** A value as a message shows it: its kind, and short text in full. */
  private static String kind(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "a list";
    }
    if (v instanceof String s) {
      return s.length() <= 40 ? "\"" + s + "\"" : "a text";
    }
    return v.toString();
  }
}
