package org.odtrial.analysis.estimate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.data.ExampleTrialSource;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.PlanReader;
import org.odtrial.analysis.results.Estimate;

/**
 * The multiple-imputation cases pooled in R (recovery-mi.R): the worked example (QPR at 12 and 24
 * months, with 90% of month-24 scores missing, and BPRS at 12) and generated trials of
 * recovery-trials.R (partial missingness, heavy missingness, 4 clusters with a single month, no
 * missing data, clusters of size 1), each with the default plan's imputation settings. {@link
 * #main} writes every completed data set, as {@code analyse --export-imputations} does, into
 * DIR/CASE/ for the R script: {@code java ... ImputationCases DIR}.
 */
final class ImputationCases {
  private ImputationCases() {}

  /** A case: its data, instruments and months. */
  record Case(String name, AnalysisData data, Map<String, List<Integer>> recovery) {}

  static List<Case> all() {
    List<Case> out = new ArrayList<>();
    AnalysisData example = Derivation.of(730).derive(ExampleTrialSource.upload());
    Map<String, List<Integer>> ex = new LinkedHashMap<>();
    ex.put("QPR", List.of(12, 24));
    ex.put("BPRS", List.of(12));
    out.add(new Case("example", example, ex));
    for (String name : List.of("partial", "heavy_missing", "no_missing", "size_one")) {
      out.add(new Case(name, RecoveryTrials.of(name), Map.of("QPR", List.of(12, 24))));
    }
    out.add(
        new Case("four_clusters", RecoveryTrials.of("four_clusters"), Map.of("QPR", List.of(12))));
    return out;
  }

  /**
   * The chain whose completed data sets R pooled (recovery-mi.json: the defaults until 2026-12-02,
   * when burn-in and thinning became 100 and 25): the check is of the analyses and pooling of given
   * imputations, so the cases keep drawing exactly the data sets R read.
   */
  static final int R_BURN_IN = 250;

  static final int R_THIN = 50;

  static AnalysisPlan.MultipleImputation settings() {
    return AnalysisPlan.defaults().multipleImputation();
  }

  /** The rows of a case, writing its completed data sets into {@code dir} when it is not null. */
  static List<Estimate> run(Case c, Path dir) {
    List<String> covariates = PlanReader.read("{}", "default").covariates();
    List<Estimate> rows = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : c.recovery().entrySet()) {
      Map<Integer, List<Estimate>> byMonth =
          ImputationRows.of(
              c.data(),
              e.getKey(),
              e.getValue(),
              settings(),
              dir == null
                  ? null
                  : d -> {
                    try (Writer w =
                        Files.newBufferedWriter(
                            dir.resolve(ImputationCsv.fileName(d)), StandardCharsets.UTF_8)) {
                      ImputationCsv.write(d, covariates, w);
                    } catch (IOException ex2) {
                      throw new UncheckedIOException(ex2);
                    }
                  },
              R_BURN_IN,
              R_THIN);
      byMonth.values().forEach(rows::addAll);
    }
    return rows;
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    for (Case c : all()) {
      Path dir = Files.createDirectories(root.resolve(c.name()));
      run(c, dir);
    }
  }
}
