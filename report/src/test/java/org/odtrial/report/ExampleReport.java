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
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.ExampleTrialData;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.Results;

/**
 * Test inputs: the example trial's data, R's expected results as {@link Estimate}s, and test-side
 * KM curves.
 */
final class ExampleReport {
  static final Provenance PROVENANCE =
      new Provenance(3, "ab".repeat(32), "default", "cd".repeat(32), "1.0.0");
  static final int[] TICKS = {0, 180, 360, 540, 720};
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

  static ReportInput input(Blinding blinding) {
    return input(blinding, UnaryOperator.identity(), List.of());
  }

  /**
   * The example input with each estimate passed through {@code change} and the given analysis
   * warnings.
   */
  static ReportInput input(
      Blinding blinding, UnaryOperator<Estimate> change, List<String> warnings) {
    AnalysisData data = ExampleTrialData.derive(730);
    List<Estimate> estimates = expected().stream().map(change).toList();
    Results r =
        new Results(
            "1.0.0",
            PROVENANCE.load(),
            PROVENANCE.loadSha256(),
            blinding.blinded(),
            "default",
            PROVENANCE.planSha256(),
            730,
            estimates,
            warnings);
    List<KmCurve> curves = List.of(km(data, "OD"), km(data, "TAU"));
    return new ReportInput(r, data, curves, PROVENANCE, blinding);
  }

  static JsonNode expectedJson() {
    try (InputStream in =
        ExampleReport.class.getResourceAsStream("/example-trial/expected-results.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * R's expected-results.json rows mapped field by field; fields outside the fixed set become
   * extras.
   */
  static List<Estimate> expected() {
    List<Estimate> out = new ArrayList<>();
    for (JsonNode row : expectedJson().get("estimates")) {
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
      if (row.has("estimate")) {
        e = e.withEstimate(row.get("estimate").asDouble());
      }
      if (row.has("se")) {
        e = e.withSe(row.get("se").asDouble());
      }
      if (row.has("ci_low")) {
        e = e.withCi(row.get("ci_low").asDouble(), row.get("ci_high").asDouble());
      }
      if (row.has("p_value")) {
        e = e.withPValue(row.get("p_value").asDouble());
      }
      if (row.has("df")) {
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
      for (Map.Entry<String, JsonNode> f : row.properties()) {
        if (!KNOWN.contains(f.getKey())) {
          JsonNode v = f.getValue();
          e =
              e.withExtra(
                  f.getKey(), v.isBoolean() ? (Object) v.asBoolean() : (Object) v.asDouble());
        }
      }
      out.add(e);
    }
    return out;
  }

  /**
   * A plain product-limit estimate with Greenwood log-scale 95% limits: test input for the curve
   * drawing.
   */
  static KmCurve km(AnalysisData data, String arm) {
    List<Participant> ps = data.participants().stream().filter(p -> arm.equals(p.arm())).toList();
    TreeMap<Integer, int[]> byTime = new TreeMap<>(); // time -> {events, leaving}
    for (Participant p : ps) {
      int[] c = byTime.computeIfAbsent(p.relapseDays(), k -> new int[2]);
      c[0] += p.relapse() ? 1 : 0;
      c[1]++;
    }
    List<double[]> steps = new ArrayList<>();
    int atRisk = ps.size();
    double s = 1;
    double greenwood = 0;
    for (Map.Entry<Integer, int[]> e : byTime.entrySet()) {
      int d = e.getValue()[0];
      if (d > 0) {
        s *= 1 - (double) d / atRisk;
        greenwood += atRisk == d ? Double.NaN : (double) d / ((double) atRisk * (atRisk - d));
        double se = Math.sqrt(greenwood);
        steps.add(
            new double[] {
              e.getKey(), s, s * Math.exp(-1.96 * se), Math.min(1, s * Math.exp(1.96 * se))
            });
      }
      atRisk -= e.getValue()[1];
    }
    int[] n = new int[TICKS.length];
    for (int i = 0; i < TICKS.length; i++) {
      int t = TICKS[i];
      n[i] = (int) ps.stream().filter(p -> p.relapseDays() >= t).count();
    }
    return new KmCurve(arm, col(steps, 0), col(steps, 1), col(steps, 2), col(steps, 3), TICKS, n);
  }

  private static double[] col(List<double[]> rows, int j) {
    return rows.stream().mapToDouble(r -> r[j]).toArray();
  }
}
