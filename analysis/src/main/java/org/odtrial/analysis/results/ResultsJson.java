package org.odtrial.analysis.results;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.odtrial.analysis.plan.Estimand;

/**
 * Writes results.json: fixed field order, fields that do not apply left out, in {@link JsonStyle}.
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
}
