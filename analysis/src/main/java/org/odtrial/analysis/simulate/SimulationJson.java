package org.odtrial.analysis.simulate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.odtrial.analysis.results.JsonStyle;

/**
 * A simulation study as JSON (docs/simulation.md describes every field): fixed field order, fields
 * that do not apply left out, doubles at full precision in {@link JsonStyle}.
 */
public final class SimulationJson {
  /** Version of this format. */
  public static final int VERSION = 1;

  private SimulationJson() {}

  public static String toJson(SimulationResult r, String odtrialVersion) {
    StringWriter out = new StringWriter();
    SimulationOptions o = r.options();
    try (JsonGenerator g = JsonStyle.generator(out)) {
      g.writeStartObject();
      g.writeNumberField("simulation_version", VERSION);
      g.writeStringField("odtrial_version", odtrialVersion);
      g.writeObjectFieldStart("plan");
      g.writeStringField("name", r.planName());
      g.writeStringField("sha256", r.planSha256());
      g.writeNumberField("horizon_days", r.horizonDays());
      g.writeEndObject();
      g.writeObjectFieldStart("design");
      g.writeNumberField("clusters", o.clusters());
      g.writeNumberField("participants", o.participants());
      g.writeNumberField("sites", o.sites());
      g.writeNumberField("effect_scale", o.effectScale());
      g.writeBooleanField("null", o.isNull());
      g.writeEndObject();
      g.writeObjectFieldStart("reps");
      g.writeNumberField("requested", o.reps());
      g.writeNumberField("done", r.repsDone());
      g.writeBooleanField("interrupted", r.interrupted());
      g.writeNumberField("seed", o.seed());
      g.writeEndObject();
      g.writeObjectFieldStart("nominal");
      g.writeNumberField("coverage", SimulationResult.NOMINAL_COVERAGE);
      g.writeNumberField("alpha", SimulationResult.ALPHA);
      g.writeEndObject();
      g.writeArrayFieldStart("rows");
      for (RowSummary s : r.rows()) {
        row(g, s, o);
      }
      g.writeEndArray();
      reasons(g, "warnings", "warning", r.warnings(), o);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.append('\n').toString();
  }

  private static void row(JsonGenerator g, RowSummary s, SimulationOptions o) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", s.key().id().value());
    if (s.key().arm() != null) {
      g.writeStringField("arm", s.key().arm());
    }
    if (s.key().timeDays() != null) {
      g.writeNumberField("time_days", s.key().timeDays());
    }
    g.writeStringField("estimand", s.estimand());
    g.writeStringField("scale", s.logScale() ? "log" : "natural");
    number(g, "truth", s.truth().value());
    if (s.truth().note() != null) {
      g.writeStringField("truth_note", s.truth().note());
    }
    if (s.truth().nullHolds() != null) {
      g.writeBooleanField("null_holds", s.truth().nullHolds());
    }
    g.writeNumberField("produced", s.produced());
    g.writeNumberField("estimated", s.estimated());
    number(g, "mean_estimate", s.meanEstimate());
    number(g, "bias", s.bias());
    number(g, "bias_mcse", s.biasMcse());
    number(g, "empirical_se", s.empiricalSe());
    number(g, "empirical_se_mcse", s.empiricalSeMcse());
    number(g, "model_se", s.modelSe());
    number(g, "model_se_mcse", s.modelSeMcse());
    g.writeNumberField("model_se_reps", s.modelSeReps());
    number(g, "coverage", s.coverage());
    number(g, "coverage_mcse", s.coverageMcse());
    g.writeNumberField("coverage_reps", s.coverageReps());
    number(g, "rejection", s.rejection());
    number(g, "rejection_mcse", s.rejectionMcse());
    g.writeNumberField("rejection_reps", s.rejectionReps());
    reasons(g, "not_estimable", "reason", s.notEstimable(), o);
    reasons(g, "notes", "note", s.notes(), o);
    g.writeEndObject();
  }

  private static void reasons(
      JsonGenerator g, String field, String text, List<Reason> reasons, SimulationOptions o)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (Reason why : reasons) {
      g.writeStartObject();
      g.writeStringField(text, why.text());
      g.writeNumberField("reps", why.reps());
      g.writeArrayFieldStart("first_reps");
      for (int rep : why.firstReps()) {
        g.writeNumber(rep);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("first_seeds");
      for (int rep : why.firstReps()) {
        g.writeNumber(SimulationOptions.repSeed(o.seed(), rep));
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void number(JsonGenerator g, String field, Double v) throws IOException {
    if (v != null) {
      g.writeNumberField(field, v);
    }
  }
}
