package org.odtrial.analysis.results;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes results.json: fixed field order, fields that do not apply left out, in {@link JsonStyle}.
 */
public final class ResultsJson {
  private ResultsJson() {}

  public static String toJson(Results r) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonStyle.generator(out)) {
      g.writeStartObject();
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
    g.writeStringField("id", e.id());
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
      g.writeNumberField("df", e.df());
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
      Object v = x.getValue();
      if (v == null) {
        g.writeNullField(x.getKey());
      } else if (v instanceof Double d) {
        g.writeNumberField(x.getKey(), d);
      } else if (v instanceof Long l) {
        g.writeNumberField(x.getKey(), l);
      } else if (v instanceof Integer i) {
        g.writeNumberField(x.getKey(), i);
      } else if (v instanceof Boolean b) {
        g.writeBooleanField(x.getKey(), b);
      } else {
        g.writeStringField(x.getKey(), v.toString());
      }
    }
    g.writeEndObject();
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
