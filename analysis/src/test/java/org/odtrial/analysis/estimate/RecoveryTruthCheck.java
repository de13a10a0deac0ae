package org.odtrial.analysis.estimate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.CsvFolderSource;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.descriptive.Compliance;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.PlanReader;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;
import org.odtrial.ingest.generate.GeneratorOptions;
import org.odtrial.ingest.generate.TrialGenerator;
import org.odtrial.ingest.generate.TrueEffects;

/**
 * The recovery rows on generated trials with known truth (a main, not a test; its output is the
 * table in docs/methods-counts-recovery.md): under the generator's missing-at-random dropout
 * scenario, the complete-case ANCOVA ({@code .cr2}) at month 24 against the repeated-measures mixed
 * model ({@code .mmrm}) and multiple imputation ({@code .mi}); under partial compliance, the
 * intention-to-treat ANCOVA against the complier average causal effect ({@code .cace}). Each
 * scenario is run on R replicate trials (seeds 1..R); the table gives the mean estimate over them,
 * its Monte Carlo standard error (sd / sqrt(R)) and the share of 95% intervals that cover the
 * truth.
 *
 * <p>Usage: {@code java ... RecoveryTruthCheck [replicates] [clusters] [participants] [workDir]}
 */
public final class RecoveryTruthCheck {
  private RecoveryTruthCheck() {}

  public static void main(String[] args) throws IOException {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int clusters = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int participants = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    Path work =
        args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("odtrial-truth-check");
    AnalysisPlan plan = PlanReader.read("{\"recovery\": {\"QPR\": [12, 24]}}", "truth check");
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    List<Double> odShare = new ArrayList<>();
    List<Double> tauShare = new ArrayList<>();
    List<Double> missing24 = new ArrayList<>();
    for (int r = 1; r <= reps; r++) {
      AnalysisData mar =
          generate(
              work.resolve("mar-" + r),
              GeneratorOptions.of(clusters, participants, r).withMissingAtRandom(true));
      Results a = Analysis.of(plan).run(mar, 1, "0".repeat(64), "check");
      for (String id :
          List.of(
              "recovery.QPR.m24.cr2",
              "recovery.QPR.m24.mmrm",
              "recovery.QPR.m24.mi",
              "recovery.QPR.m12.cr2",
              "recovery.QPR.m12.mmrm",
              "recovery.QPR.m12.mi")) {
        add(results, "MAR " + id, row(a, id));
      }
      double[] s24 = mar.scores("QPR", 24).orElseThrow();
      int miss = 0;
      for (double v : s24) {
        miss += Double.isNaN(v) ? 1 : 0;
      }
      missing24.add(miss / (double) s24.length);
      AnalysisData pc =
          generate(
              work.resolve("compliance-" + r),
              GeneratorOptions.of(clusters, participants, r).withNonCompliance(0.3));
      Results b = Analysis.of(plan).run(pc, 1, "0".repeat(64), "check");
      add(results, "PC recovery.QPR.m12.cr2", row(b, "recovery.QPR.m12.cr2"));
      add(results, "PC recovery.QPR.m12.cace", row(b, "recovery.QPR.m12.cace"));
      boolean[] c = Compliance.compliers(pc);
      List<Participant> ps = pc.participants();
      int od = 0;
      int odC = 0;
      int tau = 0;
      int tauC = 0;
      for (int i = 0; i < ps.size(); i++) {
        if (ps.get(i).isOd()) {
          od++;
          odC += c[i] ? 1 : 0;
        } else {
          tau++;
          tauC += c[i] ? 1 : 0;
        }
      }
      odShare.add(odC / (double) od);
      tauShare.add(tauC / (double) tau);
      System.err.printf(Locale.ROOT, "replicate %d of %d done%n", r, reps);
    }
    double truth = TrueEffects.QPR_EFFECT;
    double share = mean(odShare) - mean(tauShare);
    System.out.printf(
        Locale.ROOT,
        "%d replicate trials of %d participants in %d clusters (seeds 1-%d)%n",
        reps,
        participants,
        clusters,
        reps);
    System.out.printf(
        Locale.ROOT,
        "missing at random: QPR month-24 scores missing %.1f%%; partial compliance (30%% of OD"
            + " decline): received OD %.1f%% of OD, %.1f%% of TAU%n%n",
        100 * mean(missing24),
        100 * mean(odShare),
        100 * mean(tauShare));
    System.out.println("| scenario | row | truth | mean estimate | MC se | 95% CI coverage |");
    System.out.println("|---|---|---|---|---|---|");
    for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
      String[] parts = e.getKey().split(" ", 2);
      double t = e.getKey().equals("PC recovery.QPR.m12.cr2") ? truth * share : truth;
      List<double[]> rows = e.getValue();
      double[] est = rows.stream().mapToDouble(v -> v[0]).toArray();
      double m = mean(est);
      double sd = 0;
      for (double v : est) {
        sd += (v - m) * (v - m);
      }
      sd = Math.sqrt(sd / (est.length - 1));
      long cover = rows.stream().filter(v -> v[1] <= t && t <= v[2]).count();
      System.out.printf(
          Locale.ROOT,
          "| %s | `%s` | %.3f | %.3f | %.3f | %d/%d |%n",
          parts[0].equals("MAR") ? "missing at random" : "partial compliance",
          parts[1],
          t,
          m,
          sd / Math.sqrt(est.length),
          cover,
          est.length);
    }
    try (Stream<Path> all = Files.walk(work)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static AnalysisData generate(Path dir, GeneratorOptions options) {
    TrialGenerator.of(options).writeTo(dir);
    return Derivation.of(730)
        .withInstruments(java.util.Set.of("QPR"))
        .derive(new CsvFolderSource(dir));
  }

  private static double[] row(Results r, String id) {
    for (Estimate e : r.estimates()) {
      if (e.id().value().equals(id)) {
        if (e.estimate() == null) {
          throw new IllegalStateException(id + " is null: " + e.note());
        }
        return new double[] {e.estimate(), e.ciLow(), e.ciHigh()};
      }
    }
    throw new IllegalStateException("no row " + id);
  }

  private static void add(Map<String, List<double[]>> m, String key, double[] v) {
    m.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
  }

  private static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
