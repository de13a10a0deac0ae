package org.odtrial.analysis.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odtrial.analysis.survival.RReference.REL_ESTIMATE;
import static org.odtrial.analysis.survival.RReference.close;
import static org.odtrial.analysis.survival.RReference.num;
import static org.odtrial.analysis.survival.RReference.vec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.survival.internal.ClusterLogRank;

/**
 * The restricted-randomisation log-rank test against R's enumeration (combn within site, survdiff
 * under each allocation; survival-clustered.R): the observed statistic at 1e-6, the number of
 * allocations and of those at least as extreme exactly, and the whole distribution of the
 * statistic; the Monte Carlo path's determinism and its agreement with exact enumeration within
 * Monte Carlo error.
 */
class PermutationLogRankTest {

  @Test
  void exactEnumerationAgreesWithR() {
    for (String design : List.of("a", "b", "c", "d", "e")) {
      ClusteredTrial t = ClusteredTrial.design(design);
      JsonNode v = RReference.clustered("perm.gen_" + design);
      PermutationLogRank.Result r = test(t).test();
      String id = "perm.gen_" + design;
      assertThat(r.exact()).as(id + " exact").isTrue();
      assertThat(r.allocations()).as(id + " allocations").isEqualTo(v.get("allocations").asLong());
      assertThat(r.designAllocations()).isEqualTo((double) r.allocations());
      close(r.statistic(), num(v.get("observed")), REL_ESTIMATE, id + " observed statistic");
      // p is a count over the allocations: compare the counts exactly.
      assertThat(Math.round(r.pValue() * r.allocations()))
          .as(id + " allocations at least as extreme")
          .isEqualTo(Math.round(num(v.get("p_value")) * v.get("allocations").asLong()));
      assertThat(r.draws()).isZero();
      assertThat(r.monteCarloSe()).isZero();
    }
  }

  @Test
  void everyAllocationsStatisticAgreesWithR() {
    for (String design : List.of("a", "b", "c", "e")) {
      ClusteredTrial t = ClusteredTrial.design(design);
      double[] want = vec(RReference.clustered("perm.gen_" + design).get("statistics_sorted"));
      double[] got = allStatistics(t);
      Arrays.sort(got);
      close(got, want, REL_ESTIMATE, "perm.gen_" + design + " sorted statistics");
    }
  }

  @Test
  void designCountsWithOneArmSitesAndEmptyClusters() {
    PermutationLogRank.Result c = test(ClusteredTrial.design("c")).test();
    assertThat(c.sites()).isEqualTo(3);
    assertThat(c.sitesWithBothArms()).isEqualTo(1); // S2 all TAU, S3 a single OD cluster
    PermutationLogRank.Result e = test(ClusteredTrial.design("e")).test();
    assertThat(e.allocations()).isEqualTo(1);
    assertThat(e.pValue()).isEqualTo(1.0);
    assertThat(e.sitesWithBothArms()).isZero();
  }

  @Test
  void monteCarloIsSeededAndAgreesWithEnumerationWithinItsError() {
    ClusteredTrial d = ClusteredTrial.design("d");
    double exactP = num(RReference.clustered("perm.gen_d").get("p_value"));
    PermutationLogRank mc = test(d).withExactLimit(1_000).withDraws(20_000).withSeed(7);
    PermutationLogRank.Result r = mc.test();
    assertThat(r.exact()).isFalse();
    assertThat(r.draws()).isEqualTo(20_000);
    assertThat(r.allocations()).isEqualTo(20_001);
    assertThat(r.seed()).isEqualTo(7);
    assertThat(r.designAllocations()).isEqualTo(63_504.0);
    double se = Math.sqrt(exactP * (1 - exactP) / 20_000);
    assertThat(Math.abs(r.pValue() - exactP)).isLessThan(4 * se);
    close(r.monteCarloSe(), Math.sqrt(r.pValue() * (1 - r.pValue()) / 20_000), 1e-12, "mc se");
    // Same seed, same answer; another seed, another sample, still within the error.
    assertThat(mc.test()).isEqualTo(r);
    PermutationLogRank.Result other = mc.withSeed(8).test();
    assertThat(other.pValue()).isNotEqualTo(r.pValue());
    assertThat(Math.abs(other.pValue() - exactP)).isLessThan(4 * se);
  }

  @Test
  void monteCarloCountsTheObservedAllocation() {
    // 6 allocations of which the observed is the most extreme (with its mirror image): every
    // draw lands on one of 6, and p = (1 + hits) / (1 + draws) stays above 1 / (1 + draws).
    ClusteredTrial b = ClusteredTrial.design("b");
    PermutationLogRank.Result r = test(b).withExactLimit(1).withDraws(3_000).test();
    assertThat(r.exact()).isFalse();
    assertThat(Math.abs(r.pValue() - 1.0 / 3)).isLessThan(4 * Math.sqrt(2.0 / 9 / 3_000));
    PermutationLogRank.Result one = test(b).withExactLimit(1).withDraws(1).withSeed(1).test();
    assertThat(one.pValue()).isIn(0.5, 1.0);
  }

  @Test
  void rejectsAParticipantOutsideTheClusters() {
    assertThatThrownBy(
            () ->
                PermutationLogRank.of(
                    new double[] {1, 2},
                    new boolean[] {true, false},
                    new int[] {0, 2},
                    new int[] {1, 1},
                    new boolean[] {true, false}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster[1] = 2");
  }

  private static PermutationLogRank test(ClusteredTrial t) {
    return PermutationLogRank.of(
        t.time(), t.event(), t.cluster(), t.siteOfCluster(), t.odCluster());
  }

  /** The statistic under every allocation, enumerated here independently (recursively by site). */
  private static double[] allStatistics(ClusteredTrial t) {
    ClusterLogRank lr =
        ClusterLogRank.of(t.time(), t.event(), t.cluster(), t.siteOfCluster().length);
    int[] sites = Arrays.stream(t.siteOfCluster()).distinct().sorted().toArray();
    List<List<int[]>> perSite = new ArrayList<>();
    for (int s : sites) {
      List<Integer> members = new ArrayList<>();
      int k = 0;
      for (int c = 0; c < t.siteOfCluster().length; c++) {
        if (t.siteOfCluster()[c] == s) {
          members.add(c);
          k += t.odCluster()[c] ? 1 : 0;
        }
      }
      List<int[]> subsets = new ArrayList<>();
      for (int mask = 0; mask < 1 << members.size(); mask++) {
        if (Integer.bitCount(mask) == k) {
          int[] sub = new int[k];
          int at = 0;
          for (int i = 0; i < members.size(); i++) {
            if ((mask >> i & 1) == 1) {
              sub[at++] = members.get(i);
            }
          }
          subsets.add(sub);
        }
      }
      perSite.add(subsets);
    }
    List<Double> out = new ArrayList<>();
    collect(lr, perSite, 0, new int[0], out);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void collect(
      ClusterLogRank lr, List<List<int[]>> perSite, int s, int[] chosen, List<Double> out) {
    if (s == perSite.size()) {
      out.add(lr.statistic(chosen, chosen.length));
      return;
    }
    for (int[] sub : perSite.get(s)) {
      int[] next = Arrays.copyOf(chosen, chosen.length + sub.length);
      System.arraycopy(sub, 0, next, chosen.length, sub.length);
      collect(lr, perSite, s + 1, next, out);
    }
  }
}
