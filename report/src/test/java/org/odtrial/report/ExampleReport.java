package org.odtrial.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.ExampleTrialData;
import org.odtrial.analysis.estimate.KaplanMeierByArm;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.PlanReader;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.RowId;

/**
 * The report's test input: the example trial's analysis data, and R's answers for it as results
 * rows: expected-results.json (version 1) and expected-results-v2.json (version 2; R 4.2.2 with
 * survival 3.5.3, MASS 7.3.58.2, sandwich 3.0.2, lme4 1.1.31, lmerTest 3.1.3, pbkrtest 0.5.2,
 * clubSandwich 0.5.8, cmprsk 2.2.11, AER 1.2.10; each row's R call is its {@code r_call}), both in
 * the analysis module's test resources. The Kaplan-Meier curves are the analysis module's {@link
 * KaplanMeierByArm} fits, as the CLI hands them to the report.
 */
public final class ExampleReport {
  /** The plan R's version-2 answers were computed under: the default plan with BPRS at 12. */
  public static final AnalysisPlan PLAN =
      PlanReader.read("{\"recovery\": {\"QPR\": [12, 24], \"BPRS\": [12]}}", "example plan");

  public static final Provenance PROVENANCE =
      new Provenance(3, "ab".repeat(32), PLAN.name(), PLAN.sha256(), "1.0.0");

  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "estimand",
          "contrast",
          "arm",
          "time_days",
          "estimate",
          "se",
          "ci_low",
          "ci_high",
          "p_value",
          "df",
          "n",
          "events",
          "clusters",
          "method",
          "note");

  private ExampleReport() {}

  /** Version-1 and version-2 rows. */
  public static ReportInput input(Blinding blinding) {
    return input(blinding, UnaryOperator.identity(), List.of());
  }

  /** Version-1 rows only: results of an analysis without the version-2 rows. */
  public static ReportInput inputV1(Blinding blinding) {
    return input(blinding, expected(V1), List.of());
  }

  /**
   * The example input (both versions) with each estimate passed through {@code change} and the
   * given analysis warnings.
   */
  public static ReportInput input(
      Blinding blinding, UnaryOperator<Estimate> change, List<String> warnings) {
    List<Estimate> rows = new ArrayList<>(expected(V1));
    rows.addAll(expected(V2));
    return input(blinding, rows.stream().map(change).toList(), warnings);
  }

  public static ReportInput input(
      Blinding blinding, List<Estimate> estimates, List<String> warnings) {
    AnalysisData data = ExampleTrialData.derive(PLAN.horizonDays());
    Results r =
        new Results(
            "1.0.0",
            PROVENANCE.load(),
            PROVENANCE.loadSha256(),
            blinding.blinded(),
            PLAN.name(),
            PLAN.sha256(),
            PLAN.horizonDays(),
            estimates,
            warnings);
    return new ReportInput(r, data, PLAN, KaplanMeierByArm.of(data, PLAN), PROVENANCE, blinding);
  }

  static final String V1 = "/example-trial/expected-results.json";
  static final String V2 = "/example-trial/expected-results-v2.json";

  static JsonNode json(String resource) {
    try (InputStream in = ExampleReport.class.getResourceAsStream(resource)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** R's row of this id (and arm and time, when given) in either file. */
  public static JsonNode row(String id) {
    for (String f : List.of(V1, V2)) {
      for (JsonNode r : json(f).get("estimates")) {
        if (r.get("id").asText().equals(id)) {
          return r;
        }
      }
    }
    throw new AssertionError(id);
  }

  public static JsonNode row(String id, String arm, int time) {
    for (String f : List.of(V1, V2)) {
      for (JsonNode r : json(f).get("estimates")) {
        if (r.get("id").asText().equals(id)
            && r.path("arm").asText().equals(arm)
            && r.path("time_days").asInt() == time) {
          return r;
        }
      }
    }
    throw new AssertionError(id + " " + arm + " " + time);
  }

  /**
   * R's rows mapped field by field; other fields become extras, except R's own diagnostics (names
   * starting with r_), which no results row carries.
   */
  static List<Estimate> expected(String resource) {
    List<Estimate> out = new ArrayList<>();
    for (JsonNode row : json(resource).get("estimates")) {
      Estimate e = Estimate.of(new RowId(row.get("id").asText()), row.get("estimand").asText());
      if (row.has("contrast")) {
        e = e.withContrast(row.get("contrast").asText());
      }
      if (row.has("arm")) {
        e = e.withArm(row.get("arm").asText());
      }
      if (row.has("time_days")) {
        e = e.withTimeDays(row.get("time_days").asInt());
      }
      if (row.hasNonNull("estimate")) {
        e = e.withEstimate(row.get("estimate").asDouble());
      }
      if (row.hasNonNull("se")) {
        e = e.withSe(row.get("se").asDouble());
      }
      if (row.hasNonNull("ci_low")) {
        e = e.withCi(row.get("ci_low").asDouble(), row.get("ci_high").asDouble());
      }
      if (row.hasNonNull("p_value")) {
        e = e.withPValue(row.get("p_value").asDouble());
      }
      if (row.hasNonNull("df")) {
        e = e.withDf(row.get("df").asDouble());
      }
      if (row.has("n")) {
        e = e.withN(row.get("n").asLong());
      }
      if (row.has("events")) {
        e = e.withEvents(row.get("events").asLong());
      }
      if (row.has("clusters")) {
        e = e.withClusters(row.get("clusters").asInt());
      }
      if (row.has("method")) {
        e = e.withMethod(row.get("method").asText());
      }
      if (row.has("note")) {
        e = e.withNote(row.get("note").asText());
      }
      for (Map.Entry<String, JsonNode> f : row.properties()) {
        if (!KNOWN.contains(f.getKey()) && !f.getKey().startsWith("r_")) {
          e = e.withExtra(f.getKey(), value(f.getValue()));
        }
      }
      out.add(e);
    }
    return out;
  }

  private static Object value(JsonNode v) {
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isArray()) {
      List<Object> list = new ArrayList<>();
      v.forEach(x -> list.add(value(x)));
      return list;
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    return v.asDouble();
  }
}
