package org.odtrial.analysis.survival.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.survival.LogRank;

/**
 * The precomputed log-rank chi-square of an allocation of clusters against the direct computation
 * (LogRank, survdiff's algorithm, itself checked against R), in both the quadratic-form and the
 * at-risk-table modes, on generated data with ties, empty clusters and clusters whose members leave
 * before the first event.
 */
class ClusterLogRankTest {

  @Test
  void bothModesAgreeWithTheDirectLogRank() {
    SplittableRandom rng = new SplittableRandom(20261202L);
    int clusters = 30;
    int n = 400;
    double[] time = new double[n];
    boolean[] event = new boolean[n];
    int[] cluster = new int[n];
    for (int i = 0; i < n; i++) {
      // clusters 0 and 1 stay empty; cluster 2 is only followed up before any event
      cluster[i] = 2 + rng.nextInt(clusters - 2);
      time[i] = cluster[i] == 2 ? 0.5 : 1 + rng.nextInt(60);
      event[i] = cluster[i] != 2 && rng.nextDouble() < 0.6;
    }
    ClusterLogRank quadratic = ClusterLogRank.of(time, event, cluster, clusters, true);
    ClusterLogRank linear = ClusterLogRank.of(time, event, cluster, clusters, false);
    for (int rep = 0; rep < 200; rep++) {
      int k = 1 + rng.nextInt(clusters - 1);
      int[] perm = shuffled(clusters, rng);
      boolean[] in = new boolean[clusters];
      for (int a = 0; a < k; a++) {
        in[perm[a]] = true;
      }
      int[] group = new int[n];
      boolean both = false;
      boolean any0 = false;
      boolean any1 = false;
      for (int i = 0; i < n; i++) {
        group[i] = in[cluster[i]] ? 1 : 0;
        any1 |= group[i] == 1 && cluster[i] != 2;
        any0 |= group[i] == 0 && cluster[i] != 2;
      }
      both = any0 && any1;
      double direct = both ? LogRank.of(time, event, group).test().chisq() : 0;
      double q = quadratic.statistic(perm, k);
      double l = linear.statistic(perm, k);
      assertThat(q).as("quadratic, rep %d", rep).isCloseTo(direct, within(direct));
      assertThat(l).as("linear, rep %d", rep).isCloseTo(direct, within(direct));
    }
  }

  @Test
  void anArmWithNoOneAtRiskGivesZero() {
    double[] time = {1, 2, 3, 4};
    boolean[] event = {true, true, false, true};
    int[] cluster = {0, 0, 1, 1};
    ClusterLogRank lr = ClusterLogRank.of(time, event, cluster, 3);
    assertThat(lr.statistic(new int[] {2}, 1)).isZero(); // an empty cluster alone
    assertThat(lr.statistic(new int[] {0, 1}, 2)).isZero(); // everyone in one arm
    assertThat(lr.statistic(new int[] {0}, 1))
        .isCloseTo(LogRank.of(time, event, new int[] {1, 1, 0, 0}).test().chisq(), within(1));
  }

  private static org.assertj.core.data.Offset<Double> within(double v) {
    return org.assertj.core.data.Offset.offset(1e-10 * Math.max(1, Math.abs(v)));
  }

  private static int[] shuffled(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
