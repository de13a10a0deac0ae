package org.odtrial.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.ExampleTrialData;
import org.odtrial.analysis.estimate.CumulativeIncidenceByArm;
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
 * KaplanMeierByArm} and {@link CumulativeIncidenceByArm} fits, as the CLI hands them to the report.
 */
public final class ExampleReport {
  /** The plan R's version-2 answers were computed under: the default plan with BPRS at 12. */
  public static final AnalysisPlan PLAN =
      PlanReader.read("{\"recovery\": {\"QPR\": [12, 24], \"BPRS\": [12]}}", "example plan");

  public static final Provenance PROVENANCE =
      new Provenance(3, "ab".repeat(32), PLAN.name(), PLAN.sha256(), "1.0.0");

  /** The files of {@link #report()}, written on first use. */
  private static List<Path> report;

  private ExampleReport() {}

  /**
   * The example report ({@link #input(Blinding)} of both versions, not blinded) written once per
   * test JVM, on first use, into a temporary folder deleted when the JVM exits: its files in the
   * writer's order. Tests read these files and never change them; a test that adds files (a
   * compiler's output) works on {@link #copyOfReport(Path)}.
   */
  public static synchronized List<Path> report() {
    if (report == null) {
      try {
        Path dir = Files.createTempDirectory("odtrial-example-report");
        dir.toFile().deleteOnExit();
        List<Path> files = ReportWriter.of(input(Blinding.none())).writeTo(dir);
        files.forEach(f -> f.toFile().deleteOnExit());
        report = List.copyOf(files);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return report;
  }

  /** The folder of {@link #report()}. */
  public static Path reportFolder() {
    return report().get(0).getParent();
  }

  /** A copy of {@link #report()}'s files in the new folder {@code to}. */
  public static Path copyOfReport(Path to) throws IOException {
    Files.createDirectories(to);
    for (Path f : report()) {
      Files.copy(f, to.resolve(f.getFileName()));
    }
    return to;
  }

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
    return input(blinding, PLAN, estimates, warnings);
  }

  /** The example data with these rows, as computed under {@code plan}. */
  public static ReportInput input(
      Blinding blinding, AnalysisPlan plan, List<Estimate> estimates, List<String> warnings) {
    AnalysisData data = ExampleTrialData.derive(plan.horizonDays());
    Provenance provenance =
        new Provenance(
            PROVENANCE.load(), PROVENANCE.loadSha256(), plan.name(), plan.sha256(), "1.0.0");
    Results r =
        new Results(
            "1.0.0",
            provenance.load(),
            provenance.loadSha256(),
            blinding.blinded(),
            plan.name(),
            plan.sha256(),
            plan.horizonDays(),
            estimates,
            warnings,
            plan.estimands());
    return new ReportInput(
        r,
        data,
        plan,
        KaplanMeierByArm.of(data, plan),
        CumulativeIncidenceByArm.of(data),
        provenance,
        blinding);
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
      Fields f = new Fields(row);
      Estimate e = Estimate.of(new RowId(f.text("id")), f.text("estimand"));
      e = f.has("contrast") ? e.withContrast(f.text("contrast")) : e;
      e = f.has("arm") ? e.withArm(f.text("arm")) : e;
      e = f.has("time_days") ? e.withTimeDays((int) f.number("time_days")) : e;
      e = f.has("estimate") ? e.withEstimate(f.number("estimate")) : e;
      e = f.has("se") ? e.withSe(f.number("se")) : e;
      e = f.has("ci_low") ? e.withCi(f.number("ci_low"), f.number("ci_high")) : e;
      e = f.has("p_value") ? e.withPValue(f.number("p_value")) : e;
      e = f.has("df") ? e.withDf(f.number("df")) : e;
      e = f.has("n") ? e.withN((long) f.number("n")) : e;
      e = f.has("events") ? e.withEvents((long) f.number("events")) : e;
      e = f.has("clusters") ? e.withClusters((int) f.number("clusters")) : e;
      e = f.has("method") ? e.withMethod(f.text("method")) : e;
      e = f.has("note") ? e.withNote(f.text("note")) : e;
      for (Map.Entry<String, JsonNode> x : f.rest()) {
        e = e.withExtra(x.getKey(), value(x.getValue()));
      }
      out.add(e);
    }
    return out;
  }

  /** A row's fields, each taken once: what is not taken (and not R's r_*) is an extra. */
  private static final class Fields {
    private final JsonNode row;
    private final Set<String> taken = new java.util.HashSet<>();

    Fields(JsonNode row) {
      this.row = row;
    }

    /** Whether the row has a non-null value of this field; marks the field taken either way. */
    boolean has(String name) {
      taken.add(name);
      return row.hasNonNull(name);
    }

    String text(String name) {
      taken.add(name);
      return row.get(name).asText();
    }

    double number(String name) {
      taken.add(name);
      return row.get(name).asDouble();
    }

    List<Map.Entry<String, JsonNode>> rest() {
      List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
      for (Map.Entry<String, JsonNode> x : row.properties()) {
        if (!taken.contains(x.getKey()) && !x.getKey().startsWith("r_")) {
          out.add(x);
        }
      }
      return out;
    }
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
