package org.odtrial.analysis.survival;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.random.Well19937c;
import org.odtrial.analysis.survival.internal.ClusterLogRank;
import org.odtrial.analysis.survival.internal.Inputs;

/**
 * The restricted-randomisation (permutation) log-rank test of a cluster-randomised trial: the
 * log-rank chi-square of {@code survdiff(Surv(time, event) ~ arm)} under every allocation of the
 * arms to the clusters that the design could have produced, keeping each site's number of clusters
 * in the first arm. The p-value is the share of allocations whose statistic is at least the
 * observed one (within 1e-9 relative, the observed allocation included). All allocations are
 * enumerated when there are at most {@link #DEFAULT_EXACT_LIMIT}; otherwise a seeded Monte Carlo
 * sample of allocations is drawn (each site's first-arm clusters uniformly at random, sites
 * independently) and p = (1 + #{draws at least the observed}) / (1 + draws). Immutable.
 */
public final class PermutationLogRank {

  /** Enumerate exactly up to this many allocations. */
  public static final long DEFAULT_EXACT_LIMIT = 100_000;

  /** Monte Carlo draws when the design has more allocations than the exact limit. */
  public static final int DEFAULT_DRAWS = 10_000;

  /** Seed of the Monte Carlo generator unless one is given. */
  public static final long DEFAULT_SEED = 20_261_124L;

  /**
   * @param statistic the observed log-rank chi-square
   * @param pValue share of the allocations with a statistic at least the observed one
   * @param allocations number of allocations the p-value is computed over: all of them when exact,
   *     else the draws plus the observed allocation
   * @param exact whether every allocation was enumerated
   * @param designAllocations number of allocations the design allows (the product over sites of the
   *     binomial coefficients; a double, exact below 2^53, infinite beyond 1.8e308)
   * @param log10DesignAllocations its base-10 logarithm (finite however large the design)
   * @param draws Monte Carlo draws (0 when exact)
   * @param seed the Monte Carlo seed (recorded also when exact, though unused)
   * @param monteCarloSe sqrt(p (1 - p) / draws), the Monte Carlo standard error of p (0 when exact)
   * @param sites number of sites
   * @param sitesWithBothArms sites whose clusters are in both arms (those that can be permuted)
   */
  public record Result(
      double statistic,
      double pValue,
      long allocations,
      boolean exact,
      double designAllocations,
      double log10DesignAllocations,
      int draws,
      long seed,
      double monteCarloSe,
      int sites,
      int sitesWithBothArms) {}

  private final double[] time;
  private final boolean[] event;
  private final int[] cluster;
  private final int[] site;
  private final boolean[] first;
  private final long exactLimit;
  private final int draws;
  private final long seed;

  private PermutationLogRank(
      double[] time,
      boolean[] event,
      int[] cluster,
      int[] site,
      boolean[] first,
      long exactLimit,
      int draws,
      long seed) {
    this.time = time;
    this.event = event;
    this.cluster = cluster;
    this.site = site;
    this.first = first;
    this.exactLimit = exactLimit;
    this.draws = draws;
    this.seed = seed;
  }

  /**
   * @param time observed time of each participant
   * @param event event indicator of each participant
   * @param cluster the participant's cluster, an index into {@code siteOfCluster}
   * @param siteOfCluster site code of each cluster (clusters without participants included: they
   *     were randomised too)
   * @param firstArm whether each cluster is in the first arm (OD) in the observed allocation
   */
  public static PermutationLogRank of(
      double[] time, boolean[] event, int[] cluster, int[] siteOfCluster, boolean[] firstArm) {
    Inputs.checkSurvival(time, event);
    Inputs.checkLength("cluster", cluster, time.length);
    if (siteOfCluster == null || firstArm == null || siteOfCluster.length != firstArm.length) {
      throw new IllegalArgumentException("need one site and one arm per cluster");
    }
    for (int i = 0; i < cluster.length; i++) {
      if (cluster[i] < 0 || cluster[i] >= siteOfCluster.length) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "cluster[%d] = %d is not a cluster index (0 to %d)",
                i,
                cluster[i],
                siteOfCluster.length - 1));
      }
    }
    return new PermutationLogRank(
        time.clone(),
        event.clone(),
        cluster.clone(),
        siteOfCluster.clone(),
        firstArm.clone(),
        DEFAULT_EXACT_LIMIT,
        DEFAULT_DRAWS,
        DEFAULT_SEED);
  }

  /** Enumerate every allocation when there are at most this many (default 100,000). */
  public PermutationLogRank withExactLimit(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("the exact limit must be at least 1");
    }
    return new PermutationLogRank(time, event, cluster, site, first, limit, draws, seed);
  }

  /** Monte Carlo draws beyond the exact limit (default 10,000). */
  public PermutationLogRank withDraws(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("the number of draws must be at least 1");
    }
    return new PermutationLogRank(time, event, cluster, site, first, exactLimit, n, seed);
  }

  /** Seed of the Monte Carlo generator (Well19937c). */
  public PermutationLogRank withSeed(long s) {
    return new PermutationLogRank(time, event, cluster, site, first, exactLimit, draws, s);
  }

  /** Runs the test. */
  public Result test() {
    int nClusters = site.length;
    ClusterLogRank logRank = ClusterLogRank.of(time, event, cluster, nClusters);
    int[] siteCodes = Inputs.distinct(site);
    int nSites = siteCodes.length;
    int[][] members = new int[nSites][];
    int[] chosen = new int[nSites];
    int[] fill = new int[nSites];
    for (int c = 0; c < nClusters; c++) {
      fill[Arrays.binarySearch(siteCodes, site[c])]++;
    }
    for (int s = 0; s < nSites; s++) {
      members[s] = new int[fill[s]];
      fill[s] = 0;
    }
    int[] observed = new int[nClusters];
    int k = 0;
    for (int c = 0; c < nClusters; c++) {
      int s = Arrays.binarySearch(siteCodes, site[c]);
      members[s][fill[s]++] = c;
      if (first[c]) {
        chosen[s]++;
        observed[k++] = c;
      }
    }
    double statistic = logRank.statistic(observed, k);
    double threshold = statistic - 1e-9 * Math.max(1, statistic);
    double designAllocations = 1;
    double log10 = 0;
    long count = 1;
    int bothArms = 0;
    for (int s = 0; s < nSites; s++) {
      designAllocations *= binomial(members[s].length, chosen[s]);
      log10 += log10Binomial(members[s].length, chosen[s]);
      count = saturatingTimes(count, binomialLong(members[s].length, chosen[s]));
      bothArms += chosen[s] > 0 && chosen[s] < members[s].length ? 1 : 0;
    }
    if (count <= exactLimit) {
      long atLeast = enumerate(logRank, members, chosen, k, threshold);
      return new Result(
          statistic,
          atLeast / (double) count,
          count,
          true,
          designAllocations,
          log10,
          0,
          seed,
          0,
          nSites,
          bothArms);
    }
    long atLeast = sample(logRank, members, chosen, k, threshold);
    double p = (atLeast + 1) / (draws + 1.0);
    return new Result(
        statistic,
        p,
        draws + 1L,
        false,
        designAllocations,
        log10,
        draws,
        seed,
        Math.sqrt(p * (1 - p) / draws),
        nSites,
        bothArms);
  }

  /** Every combination within every site (an odometer over the sites' combinations). */
  private static long enumerate(
      ClusterLogRank logRank, int[][] members, int[] chosen, int k, double threshold) {
    int nSites = members.length;
    int[][] index = new int[nSites][];
    int[] offset = new int[nSites];
    int[] current = new int[k];
    int at = 0;
    for (int s = 0; s < nSites; s++) {
      index[s] = new int[chosen[s]];
      offset[s] = at;
      for (int i = 0; i < chosen[s]; i++) {
        index[s][i] = i;
        current[at++] = members[s][i];
      }
    }
    long atLeast = 0;
    while (true) {
      if (logRank.statistic(current, k) >= threshold) {
        atLeast++;
      }
      int s = nSites - 1;
      while (s >= 0 && !nextCombination(index[s], members[s].length)) {
        // wrapped: back to the first combination, carry to the previous site
        for (int i = 0; i < index[s].length; i++) {
          index[s][i] = i;
        }
        s--;
      }
      if (s < 0) {
        return atLeast;
      }
      for (int t = s; t < nSites; t++) {
        for (int i = 0; i < index[t].length; i++) {
          current[offset[t] + i] = members[t][index[t][i]];
        }
      }
    }
  }

  /** Advances a k-subset of 0..n-1 (increasing indices) in lexicographic order. */
  private static boolean nextCombination(int[] idx, int n) {
    int k = idx.length;
    int i = k - 1;
    while (i >= 0 && idx[i] == n - k + i) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    idx[i]++;
    for (int j = i + 1; j < k; j++) {
      idx[j] = idx[j - 1] + 1;
    }
    return true;
  }

  /**
   * Draws allocations: in each site a uniformly random subset by a partial Fisher-Yates shuffle.
   */
  private long sample(
      ClusterLogRank logRank, int[][] members, int[] chosen, int k, double threshold) {
    Well19937c rng = new Well19937c(seed);
    int[][] pool = new int[members.length][];
    for (int s = 0; s < members.length; s++) {
      pool[s] = members[s].clone();
    }
    int[] current = new int[k];
    long atLeast = 0;
    for (int draw = 0; draw < draws; draw++) {
      int at = 0;
      for (int s = 0; s < pool.length; s++) {
        int[] ps = pool[s];
        for (int i = 0; i < chosen[s]; i++) {
          int j = i + rng.nextInt(ps.length - i);
          int tmp = ps[i];
          ps[i] = ps[j];
          ps[j] = tmp;
          current[at++] = ps[i];
        }
      }
      if (logRank.statistic(current, k) >= threshold) {
        atLeast++;
      }
    }
    return atLeast;
  }

  private static double binomial(int n, int k) {
    double r = 1;
    for (int i = 1; i <= k; i++) {
      r = r * (n - k + i) / i;
    }
    return Math.rint(r);
  }

  private static double log10Binomial(int n, int k) {
    double s = 0;
    for (int i = 1; i <= k; i++) {
      s += Math.log10(n - k + i) - Math.log10(i);
    }
    return s;
  }

  /** C(n, k), or Long.MAX_VALUE if it does not fit. */
  private static long binomialLong(int n, int k) {
    int kk = Math.min(k, n - k);
    long r = 1;
    for (int i = 1; i <= kk; i++) {
      // r * (n - kk + i) / i is exact at every step (a binomial coefficient).
      long num = n - kk + i;
      if (r > Long.MAX_VALUE / num) {
        return Long.MAX_VALUE;
      }
      r = r * num / i;
    }
    return r;
  }

  private static long saturatingTimes(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }
}
