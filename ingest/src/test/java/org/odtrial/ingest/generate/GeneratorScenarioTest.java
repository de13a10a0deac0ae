package org.odtrial.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.IngestException;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Severity;

/**
 * The options a simulation needs: the trial in memory, the number of sites, and the true effects
 * scaled or set to zero. The default options keep their bytes (sample-data/ is checked byte for
 * byte by {@link SampleDataTest}).
 */
class GeneratorScenarioTest {

  @Test
  void inMemoryRowsAreTheRowsWrittenToTheFiles(@TempDir Path dir) throws IOException {
    GeneratorOptions options = GeneratorOptions.of(12, 400, 5).withDirtyRate(0.02);
    GenerationSummary written = TrialGenerator.of(options).writeTo(dir);
    GeneratedTrial trial = TrialGenerator.of(options).generate();
    assertThat(trial.summary()).isEqualTo(written);
    for (TrialFile file : TrialFile.values()) {
      List<String> lines = Files.readAllLines(dir.resolve(file.fileName()), StandardCharsets.UTF_8);
      List<String> fromMemory = new ArrayList<>();
      trial.forEach(file, cells -> fromMemory.add(csvLine(cells)));
      assertThat(fromMemory).as(file.fileName()).isEqualTo(lines.subList(1, lines.size()));
    }
  }

  @Test
  void scaleOneAndTheDefaultSitesAreTheOriginalTrial(@TempDir Path a, @TempDir Path b)
      throws Exception {
    GeneratorOptions original = GeneratorOptions.of(24, 600, 11);
    assertThat(original.sites()).isEqualTo(3);
    assertThat(original.effectScale()).isEqualTo(1.0);
    TrialGenerator.of(original).writeTo(a);
    TrialGenerator.of(original.withSites(3).withEffectScale(1.0)).writeTo(b);
    assertThat(TrialGeneratorDeterminismTest.hashes(b))
        .isEqualTo(TrialGeneratorDeterminismTest.hashes(a));
  }

  @Test
  void sitesAreChosenAndRandomisationStaysWithinSite(@TempDir Path dir) throws IOException {
    GeneratorOptions options = GeneratorOptions.of(16, 500, 3).withSites(4);
    GenerationSummary s = TrialGenerator.of(options).writeTo(dir);
    assertThat(s.sites()).isEqualTo(4);
    Map<String, int[]> armsBySite = new HashMap<>();
    TrialGenerator.of(options)
        .generate()
        .forEach(
            TrialFile.CLUSTERS,
            c -> {
              int[] n =
                  armsBySite.computeIfAbsent(
                      c[TrialFile.CLUSTERS.indexOf("site_id")], k -> new int[2]);
              n["OD".equals(c[TrialFile.CLUSTERS.indexOf("arm")]) ? 0 : 1]++;
            });
    assertThat(new TreeSet<>(armsBySite.keySet())).containsExactly("T01", "T02", "T03", "T04");
    // four clusters a site, randomised two and two within it
    assertThat(armsBySite.values()).allSatisfy(n -> assertThat(n).containsExactly(2, 2));
    assertThat(ContractCheck.check(dir)).filteredOn(i -> i.severity() == Severity.ERROR).isEmpty();
  }

  @Test
  void impossibleSitesAndScalesAreRejected() {
    GeneratorOptions o = GeneratorOptions.of(6, 100, 1);
    assertThatThrownBy(() -> o.withSites(0))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("sites must be between 1 and the number of clusters (6), was 0");
    assertThatThrownBy(() -> o.withSites(7)).isInstanceOf(IngestException.class);
    assertThatThrownBy(() -> o.withEffectScale(Double.NaN))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("effectScale");
    assertThatThrownBy(() -> o.withEffectScale(Double.POSITIVE_INFINITY))
        .isInstanceOf(IngestException.class);
  }

  /**
   * The effect of OD on QPR at month 12 follows the scale: about 0 at scale 0, 2.5 at scale 1, 5.0
   * at scale 2. The raw difference in means over 400 clusters of a large trial has a standard error
   * of about 0.3 (cluster intercept SD 2, residual SD 7.5 and the baseline's spread), so 1.2 is
   * four standard errors.
   */
  @Test
  void theEffectOnScoresFollowsTheScale() {
    for (double scale : new double[] {0.0, 1.0, 2.0}) {
      double diff =
          qprMonth12Difference(GeneratorOptions.of(400, 20_000, 17).withEffectScale(scale));
      assertThat(diff)
          .as("scale %s", scale)
          .isCloseTo(2.5 * scale, org.assertj.core.api.Assertions.within(1.2));
    }
  }

  /** Under scale 0 the arms relapse alike; at scale 1 OD relapses less (hazard ratio 0.75). */
  @Test
  void theEffectOnRelapseVanishesAtScaleZero() {
    double[] none = relapseShares(GeneratorOptions.of(400, 20_000, 23).withEffectScale(0.0));
    double[] some = relapseShares(GeneratorOptions.of(400, 20_000, 23));
    // shares of participants with an episode starting after baseline, OD and TAU
    assertThat(Math.abs(none[0] - none[1])).isLessThan(0.03);
    assertThat(some[1] - some[0]).isGreaterThan(0.04);
  }

  private static double qprMonth12Difference(GeneratorOptions options) {
    GeneratedTrial t = TrialGenerator.of(options).generate();
    Map<String, Boolean> od = odByParticipant(t);
    double[] sum = new double[2];
    int[] n = new int[2];
    t.forEach(
        TrialFile.OUTCOMES,
        r -> {
          if (r[1].equals("QPR") && r[2].equals("12")) {
            int arm = od.get(r[0]) ? 0 : 1;
            sum[arm] += Double.parseDouble(r[4]);
            n[arm]++;
          }
        });
    return sum[0] / n[0] - sum[1] / n[1];
  }

  private static double[] relapseShares(GeneratorOptions options) {
    GeneratedTrial t = TrialGenerator.of(options).generate();
    Map<String, Boolean> od = odByParticipant(t);
    Map<String, String> baseline = new HashMap<>();
    t.forEach(TrialFile.PARTICIPANTS, p -> baseline.put(p[0], p[2]));
    java.util.Set<String> relapsed = new java.util.HashSet<>();
    t.forEach(
        TrialFile.ADMISSIONS,
        a -> {
          if (a[3].compareTo(baseline.get(a[1])) > 0) {
            relapsed.add(a[1]);
          }
        });
    double[] share = new double[2];
    int[] n = new int[2];
    for (Map.Entry<String, Boolean> e : od.entrySet()) {
      int arm = e.getValue() ? 0 : 1;
      n[arm]++;
      share[arm] += relapsed.contains(e.getKey()) ? 1 : 0;
    }
    return new double[] {share[0] / n[0], share[1] / n[1]};
  }

  private static Map<String, Boolean> odByParticipant(GeneratedTrial t) {
    Map<String, Boolean> clusterOd = new HashMap<>();
    t.forEach(TrialFile.CLUSTERS, c -> clusterOd.put(c[0], c[2].equals("OD")));
    Map<String, Boolean> od = new HashMap<>();
    t.forEach(TrialFile.PARTICIPANTS, p -> od.put(p[0], clusterOd.get(p[1])));
    return od;
  }

  private static String csvLine(String[] cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      String c = cells[i];
      if (c != null) {
        boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r");
        b.append(quote ? '"' + c.replace("\"", "\"\"") + '"' : c);
      }
    }
    return b.toString();
  }
}
