package org.odtrial.analysis.imputation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.odtrial.analysis.imputation.internal.Draws;
import org.odtrial.analysis.imputation.internal.PatternScatter;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * Multiple imputation of a participant's scores at several timepoints (baseline and follow-up
 * months of one instrument) under missing at random, from a two-level multivariate normal model
 * that respects the clustered design, drawn by Gibbs sampling (data augmentation: Tanner and Wong
 * 1987; Schafer and Yucel 2002; the joint model of R's jomo / pan with random cluster intercepts):
 *
 * <pre>
 *   y_i = c_g(i) + e_i,        e_i ~ N_T(0, Sigma)          (participant i in cluster g)
 *   c_g = mu_arm(g) + b_g,      b_g ~ N_T(0, Psi)           (cluster g of arm OD or TAU)
 * </pre>
 *
 * y_i holds the T scores (NaN where missing); mu_OD and mu_TAU are the arms' mean profiles over the
 * timepoints, c_g the cluster's, Sigma the within-cluster covariance of a participant's scores
 * (unstructured: it carries the participant's other scores into each imputation) and Psi the
 * between-cluster covariance (unstructured). Priors: flat on mu; Jeffreys on Sigma
 * (|Sigma|^-(T+1)/2); for Psi the prior of Huang and Wand (2013) with nu = 2: every correlation
 * uniform on (-1, 1), every cluster standard deviation half-t with 2 df and scale A_t, the observed
 * standard deviation of the scores at timepoint t (weakly informative: a cluster sd is a fraction
 * of it).
 *
 * <p>Each iteration draws, in turn: each c_g given the observed scores alone, the missing ones
 * integrated out (N(P^-1 r, P^-1), P = Psi^-1 + sum_i Sigma_oo,i^-1 over the cluster's participants
 * on their observed timepoints, r = Psi^-1 mu_arm + sum_i Sigma_oo,i^-1 y_o,i); the missing scores
 * given the observed ones, c and Sigma (conditional normal: mean c_g,mis + Sigma_mo Sigma_oo^-1
 * (y_o - c_g,o)), so that (c, y_mis) is one block drawn from its joint conditional distribution (a
 * partially collapsed Gibbs sampler, van Dyk and Park 2008, with the same stationary distribution
 * as data augmentation and faster mixing); each mu_arm from N(mean of its clusters' c_g, Psi /
 * G_arm); Sigma from IW(N, sum_i (y_i - c_g)(y_i - c_g)'); the auxiliary a_t from IG((2 + T)/2, 2
 * (Psi^-1)_tt + 1/A_t^2) and Psi from IW(T + 1 + G, sum_g (c_g - mu)(c_g - mu)' + 4 diag(1/a))
 * (IW(df, S): density proportional to |X|^-(df + T + 1)/2 exp(-tr(S X^-1)/2)). After {@value
 * #BURN_IN} iterations the completed data are an imputation; further imputations follow every
 * {@value #THIN} iterations of the same chain (the autocorrelation of the imputed analyses' arm
 * effect averages 0.013 at lag 25 and is within Monte Carlo noise of 0 by lag 50:
 * bench/imputation-mixing.sh). Between kept imputations the missing scores enter the next draws
 * only through Sigma's sum of squares, so each pattern of missing timepoints draws its share of
 * that sum directly ({@link PatternScatter}, the same distribution) instead of drawing its
 * participants' scores; an iteration then costs O(patterns x clusters x T^2 + clusters x T^3),
 * whatever the number of participants.
 *
 * <p>Immutable; the same data and seed give the same imputations.
 */
public final class TwoLevelNormalImputation {
  /**
   * Iterations before the first imputation (the chain starts near the posterior: over 80 chains the
   * mean of its first 50 iterations is within Monte Carlo error of the posterior mean;
   * bench/imputation-mixing.sh).
   */
  public static final int BURN_IN = 100;

  /**
   * Iterations between imputations (at 25 the between-imputation variance of 20 imputations keeps
   * 99.8% of the posterior variance on average over 80 chains, 96.9% in the worst;
   * bench/imputation-mixing.sh).
   */
  public static final int THIN = 25;

  /** Huang-Wand degrees of freedom: 2 makes every correlation uniform on (-1, 1). */
  private static final double NU = 2;

  private final double[][] y;
  private final int[] cluster;
  private final int[] clusterArm;
  private final int clusters;

  /** Receives each completed data set as soon as it is drawn. */
  @FunctionalInterface
  public interface Consumer {
    /**
     * @param imputation 0..m-1
     * @param completed N x T completed scores; valid only during the call (the sampler goes on
     *     changing it)
     */
    void accept(int imputation, double[][] completed);
  }

  private TwoLevelNormalImputation(double[][] y, int[] cluster, int[] clusterArm) {
    this.y = y;
    this.cluster = cluster;
    this.clusterArm = clusterArm;
    this.clusters = clusterArm.length;
  }

  /**
   * @param y N x T scores, NaN where missing
   * @param clusters each participant's cluster
   * @param od each participant's arm; the arm is a property of the cluster
   * @throws IllegalArgumentException when sizes differ, an arm has no cluster, a cluster holds both
   *     arms, or there are fewer participants than T + 1
   */
  public static TwoLevelNormalImputation of(double[][] y, String[] clusters, boolean[] od) {
    int n = y.length;
    if (clusters.length != n || od.length != n || n == 0) {
      throw new IllegalArgumentException("one cluster and one arm per participant needed");
    }
    int t = y[0].length;
    if (n < t + 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "%d participants cannot inform a model of %d timepoints", n, t));
    }
    Map<String, Integer> ids = new HashMap<>();
    List<Integer> arms = new ArrayList<>();
    int[] cl = new int[n];
    for (int i = 0; i < n; i++) {
      if (y[i].length != t) {
        throw new IllegalArgumentException("every participant needs " + t + " scores");
      }
      Integer g = ids.get(clusters[i]);
      if (g == null) {
        g = ids.size();
        ids.put(clusters[i], g);
        arms.add(od[i] ? 1 : 0);
      } else if (arms.get(g) != (od[i] ? 1 : 0)) {
        throw new IllegalArgumentException("cluster " + clusters[i] + " holds both arms");
      }
      cl[i] = g;
    }
    if (!arms.contains(0) || !arms.contains(1)) {
      throw new IllegalArgumentException("both arms need at least one cluster");
    }
    return new TwoLevelNormalImputation(
        Dense.copy(y), cl, arms.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Whether any score is missing (otherwise every imputation is the data). */
  public boolean anyMissing() {
    for (double[] row : y) {
      for (double v : row) {
        if (Double.isNaN(v)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Draws m imputations from one chain seeded with {@code seed} and {@code stream} (a label such as
   * the instrument, so that each instrument has its own stream).
   *
   * @throws ArithmeticException when a covariance cannot be drawn (scores constant at a timepoint,
   *     or too few participants)
   */
  public void impute(int m, long seed, String stream, Consumer each) {
    impute(m, seed, stream, BURN_IN, THIN, each);
  }

  /**
   * As {@link #impute(int, long, String, Consumer)} with another burn-in and spacing (checks of the
   * chain's mixing, and tests that reproduce the imputations of the chain before 2026-12-02's
   * change: burn-in 250, thinning 50).
   *
   * @throws IllegalArgumentException when burn-in is negative or thinning below 1
   */
  public void impute(int m, long seed, String stream, int burnIn, int thin, Consumer each) {
    if (burnIn < 0 || thin < 1) {
      throw new IllegalArgumentException("burn-in must be at least 0 and thinning at least 1");
    }
    Draws draws =
        new Draws(new Well19937c(new int[] {(int) seed, (int) (seed >>> 32), stream.hashCode()}));
    new Chain(draws).run(m, burnIn, thin, each);
  }

  /**
   * The participants with one pattern of observed timepoints (a bit set), and what the sampler
   * needs of their observed scores: per cluster, their number and the sums of their observed
   * (centred) scores, and over all of them the sum of y_o y_o'.
   */
  private static final class Pattern {
    final int[] obs;
    final int[] mis;
    final int[] members;
    final int[] count;
    final int[] present; // the clusters with participants in the pattern, in order
    final double[][] sums;
    final double[][] cross;
    // given the current Sigma (factorPatterns): K = Sigma_mo Sigma_oo^-1 and the lower Cholesky
    // factor of the conditional covariance Sigma_mm - K Sigma_om (its upper triangle stays 0);
    // Sigma_oo^-1 is in the chain's flat array of the patterns' precisions
    final double[][] k;
    final double[][] chol;
    // drawMissing's arrays: E, its lower Cholesky factor (upper triangle 0) and the draw's blocks
    final double[][] scatter;
    final double[][] scatterChol;
    final PatternScatter.Work work;

    Pattern(int[] obs, int[] mis, int[] members, int[] cluster, int clusters, double[][] scores) {
      this.obs = obs;
      this.mis = mis;
      this.members = members;
      int o = obs.length;
      count = new int[clusters];
      sums = new double[clusters][o];
      cross = new double[o][o];
      for (int i : members) {
        int g = cluster[i];
        count[g]++;
        for (int a = 0; a < o; a++) {
          double ya = scores[i][obs[a]];
          sums[g][a] += ya;
          for (int b = 0; b <= a; b++) {
            cross[a][b] += ya * scores[i][obs[b]];
          }
        }
      }
      Dense.mirrorLower(cross);
      present = java.util.stream.IntStream.range(0, clusters).filter(g -> count[g] > 0).toArray();
      int q = mis.length;
      k = new double[q][o];
      chol = new double[q][q];
      scatter = new double[o][o];
      scatterChol = new double[o][o];
      work = new PatternScatter.Work(o, q);
    }
  }

  /** The state of one Gibbs chain. */
  private final class Chain {
    private final Draws draws;
    private final int n = y.length;
    private final int t = y[0].length;
    private final double[] centre = new double[t];
    private final double[] scaleA = new double[t];
    private final double[][] completed;
    private final List<Pattern> patterns = new ArrayList<>();
    private final int[] armClusters = new int[2];
    private final double[][] c;
    private final double[][] mu = new double[2][];
    private double[][] sigma;
    private double[][] psi;
    private final double[] aux;
    // per cluster, the patterns with participants in it (in the order of patterns)
    private final int[][] clusterPatterns;
    private final Pattern[] patternArray;
    private final int[] patternOffset;
    private final double[] scratchPatternPrecision;
    private final double[] scratchPrecision;
    private final double[] scratchCholesky;
    private final double[] scratchRhs;
    private final double[] scratchMean;
    private final double[] scratchNormal;
    // factorPatterns' flat scratch (t x t): a submatrix of Sigma, its Cholesky factor and that
    // factor's inverse
    private final double[] scratchSub;
    private final double[] scratchSubChol;
    private final double[] scratchSubInverse;
    private final double[][] within;
    // Psi^-1 at the current Psi (drawClusters), used again by drawParameters before Psi changes
    private double[][] psiInv;

    Chain(Draws draws) {
      this.draws = draws;
      // centre each column on its observed mean (keeps the sums of squares accurate)
      double[] sum = new double[t];
      double[] sq = new double[t];
      int[] count = new int[t];
      for (double[] row : y) {
        for (int k = 0; k < t; k++) {
          if (!Double.isNaN(row[k])) {
            sum[k] += row[k];
            count[k]++;
          }
        }
      }
      for (int k = 0; k < t; k++) {
        centre[k] = count[k] == 0 ? 0 : sum[k] / count[k];
      }
      for (double[] row : y) {
        for (int k = 0; k < t; k++) {
          if (!Double.isNaN(row[k])) {
            double d = row[k] - centre[k];
            sq[k] += d * d;
          }
        }
      }
      double pooled = 0;
      int pooledCount = 0;
      for (int k = 0; k < t; k++) {
        if (count[k] >= 2) {
          scaleA[k] = Math.sqrt(sq[k] / (count[k] - 1));
          pooled += sq[k];
          pooledCount += count[k] - 1;
        }
      }
      double fallback = pooledCount > 0 ? Math.sqrt(pooled / pooledCount) : 1;
      for (int k = 0; k < t; k++) {
        if (!(scaleA[k] > 0)) {
          scaleA[k] = fallback > 0 ? fallback : 1;
        }
      }
      completed = new double[n][t];
      int[] mask = new int[n];
      Map<Integer, List<Integer>> byMask = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        int bits = 0;
        for (int k = 0; k < t; k++) {
          boolean seen = !Double.isNaN(y[i][k]);
          completed[i][k] = seen ? y[i][k] - centre[k] : 0;
          bits |= seen ? 1 << k : 0;
        }
        mask[i] = bits;
        byMask.computeIfAbsent(bits, b -> new ArrayList<>()).add(i);
      }
      for (Map.Entry<Integer, List<Integer>> e : byMask.entrySet()) {
        patterns.add(
            new Pattern(
                indices(e.getKey(), true),
                indices(e.getKey(), false),
                e.getValue().stream().mapToInt(Integer::intValue).toArray(),
                cluster,
                clusters,
                completed));
      }
      patternArray = patterns.toArray(new Pattern[0]);
      patternOffset = new int[patternArray.length];
      int flat = 0;
      for (int i = 0; i < patternArray.length; i++) {
        patternOffset[i] = flat;
        flat += patternArray[i].obs.length * patternArray[i].obs.length;
      }
      scratchPatternPrecision = new double[flat];
      clusterPatterns = new int[clusters][];
      for (int g = 0; g < clusters; g++) {
        int gg = g;
        clusterPatterns[g] =
            java.util.stream.IntStream.range(0, patternArray.length)
                .filter(i -> patternArray[i].count[gg] > 0)
                .toArray();
      }
      scratchPrecision = new double[t * t];
      scratchCholesky = new double[t * t];
      scratchRhs = new double[t];
      scratchMean = new double[t];
      scratchNormal = new double[t];
      scratchSub = new double[t * t];
      scratchSubChol = new double[t * t];
      scratchSubInverse = new double[t * t];
      within = new double[t][t];
      for (int arm : clusterArm) {
        armClusters[arm]++;
      }
      // start: arm means of the observed (centred) scores, diagonal covariances
      double[][] armSum = new double[2][t];
      int[][] armCount = new int[2][t];
      for (int i = 0; i < n; i++) {
        int arm = clusterArm[cluster[i]];
        for (int k = 0; k < t; k++) {
          if ((mask[i] >> k & 1) == 1) {
            armSum[arm][k] += completed[i][k];
            armCount[arm][k]++;
          }
        }
      }
      for (int arm = 0; arm < 2; arm++) {
        mu[arm] = new double[t];
        for (int k = 0; k < t; k++) {
          mu[arm][k] = armCount[arm][k] == 0 ? 0 : armSum[arm][k] / armCount[arm][k];
        }
      }
      c = new double[clusters][];
      for (int g = 0; g < clusters; g++) {
        c[g] = mu[clusterArm[g]].clone();
      }
      sigma = new double[t][t];
      psi = new double[t][t];
      aux = new double[t];
      for (int k = 0; k < t; k++) {
        sigma[k][k] = scaleA[k] * scaleA[k];
        psi[k][k] = 0.1 * sigma[k][k];
        aux[k] = scaleA[k] * scaleA[k];
      }
    }

    void run(int m, int burnIn, int thin, Consumer each) {
      double[][] out = new double[n][t];
      int taken = 0;
      for (int it = 0; taken < m; it++) {
        boolean keep = it >= burnIn && (it - burnIn) % thin == 0;
        factorPatterns();
        drawClusters();
        double[][] within = drawMissing(keep);
        if (keep) {
          for (int i = 0; i < n; i++) {
            for (int k = 0; k < t; k++) {
              out[i][k] = completed[i][k] + centre[k];
            }
          }
          each.accept(taken++, out);
          if (taken == m) {
            break;
          }
        }
        drawParameters(within);
      }
    }

    /**
     * Each pattern's Sigma_oo^-1 (into the flat array of the patterns' precisions), regression K
     * and conditional Cholesky factor at this Sigma: the arithmetic of Dense.inverseSpd, multiply,
     * addScaled, symmetrise and cholesky on the submatrices, on scratch arrays.
     */
    private void factorPatterns() {
      double[] sub = scratchSub;
      double[] cond = scratchSubChol;
      for (int pi = 0; pi < patternArray.length; pi++) {
        Pattern p = patternArray[pi];
        int[] obs = p.obs;
        int[] mis = p.mis;
        int o = obs.length;
        int q = mis.length;
        if (o == 0) {
          for (int a = 0; a < t; a++) {
            for (int b = 0; b < t; b++) {
              sub[a * t + b] = sigma[a][b];
            }
          }
          cholesky(sub, cond, t);
          lowerInto(cond, t, p.chol);
          continue;
        }
        for (int a = 0; a < o; a++) {
          for (int b = 0; b < o; b++) {
            sub[a * o + b] = sigma[obs[a]][obs[b]];
          }
        }
        int offset = patternOffset[pi];
        inverseSpd(sub, o, scratchPatternPrecision, offset);
        if (q == 0) {
          continue;
        }
        double[] pp = scratchPatternPrecision;
        // K = Sigma_mo Sigma_oo^-1
        for (int a = 0; a < q; a++) {
          double[] ka = p.k[a];
          double[] sa = sigma[mis[a]];
          for (int b = 0; b < o; b++) {
            double v = 0;
            for (int x = 0; x < o; x++) {
              v += sa[obs[x]] * pp[offset + x * o + b];
            }
            ka[b] = v;
          }
        }
        // Sigma_mm - K Sigma_om, symmetrised, then its Cholesky factor
        for (int a = 0; a < q; a++) {
          double[] ka = p.k[a];
          for (int b = 0; b < q; b++) {
            double[] sb = sigma[mis[b]];
            double v = 0;
            for (int x = 0; x < o; x++) {
              v += ka[x] * sb[obs[x]];
            }
            sub[a * q + b] = sigma[mis[a]][mis[b]] + -1 * v;
          }
        }
        for (int a = 0; a < q; a++) {
          for (int b = 0; b < a; b++) {
            double v = 0.5 * (sub[a * q + b] + sub[b * q + a]);
            sub[a * q + b] = v;
            sub[b * q + a] = v;
          }
        }
        cholesky(sub, cond, q);
        lowerInto(cond, q, p.chol);
      }
    }

    /**
     * The inverse of the p x p positive definite matrix a (flat) into out from offset: the
     * arithmetic of Dense.inverseSpd (Cholesky, the factor's inverse, L^-T L^-1), its exception.
     */
    private void inverseSpd(double[] a, int p, double[] out, int offset) {
      double[] l = scratchSubChol;
      double[] li = scratchSubInverse;
      cholesky(a, l, p);
      for (int j = 0; j < p; j++) {
        li[j * p + j] = 1.0 / l[j * p + j];
        for (int i = j + 1; i < p; i++) {
          double s = 0;
          for (int k = j; k < i; k++) {
            s -= l[i * p + k] * li[k * p + j];
          }
          li[i * p + j] = s / l[i * p + i];
        }
      }
      for (int i = 0; i < p; i++) {
        for (int j = 0; j <= i; j++) {
          double s = 0;
          for (int k = i; k < p; k++) {
            s += li[k * p + i] * li[k * p + j];
          }
          out[offset + i * p + j] = s;
          out[offset + j * p + i] = s;
        }
      }
    }

    /**
     * Each cluster's mean profile c_g given the observed scores alone, the missing ones integrated
     * out: N(P^-1 r, P^-1) with precision P = Psi^-1 + sum over its participants of Sigma_oo^-1 (on
     * their observed timepoints) and r = Psi^-1 mu_arm + sum of Sigma_oo^-1 y_o. With the missing
     * scores drawn next given c, this draws (c, y_mis) jointly from their conditional distribution:
     * a blocked Gibbs step (partially collapsed: van Dyk and Park 2008).
     */
    private void drawClusters() {
      psiInv = Dense.inverseSpd(psi);
      double[][] rhsArm = {Dense.multiply(psiInv, mu[0]), Dense.multiply(psiInv, mu[1])};
      // the patterns' Sigma_oo^-1, flat (row-major), at their offsets (factorPatterns)
      double[] pp = scratchPatternPrecision;
      double[] prec = scratchPrecision;
      double[] l = scratchCholesky;
      double[] rhs = scratchRhs;
      double[] x = scratchMean;
      double[] z = scratchNormal;
      for (int g = 0; g < clusters; g++) {
        for (int a = 0; a < t; a++) {
          System.arraycopy(psiInv[a], 0, prec, a * t, t);
        }
        System.arraycopy(rhsArm[clusterArm[g]], 0, rhs, 0, t);
        for (int pi : clusterPatterns[g]) {
          Pattern p = patternArray[pi];
          double count = p.count[g];
          int[] obs = p.obs;
          int o = obs.length;
          double[] s = p.sums[g];
          for (int a = 0; a < o; a++) {
            int pa = patternOffset[pi] + a * o;
            int row = obs[a] * t;
            // the Cholesky factorisation below reads P's lower triangle alone (obs is increasing)
            for (int b = 0; b <= a; b++) {
              prec[row + obs[b]] += count * pp[pa + b];
            }
            double r = 0;
            for (int b = 0; b < o; b++) {
              r += pp[pa + b] * s[b];
            }
            rhs[obs[a]] += r;
          }
        }
        // P = L L': mean solves L L' x = r, and L'^-1 z has covariance P^-1 (the arithmetic of
        // Dense.cholesky, forwardSolve and backSolveTransposed, on flat arrays)
        cholesky(prec, l, t);
        for (int i = 0; i < t; i++) {
          double v = rhs[i];
          for (int k = 0; k < i; k++) {
            v -= l[i * t + k] * x[k];
          }
          x[i] = v / l[i * t + i];
        }
        for (int k = 0; k < t; k++) {
          z[k] = draws.normal() + x[k];
        }
        double[] cg = c[g];
        for (int i = t - 1; i >= 0; i--) {
          double v = z[i];
          for (int k = i + 1; k < t; k++) {
            v -= l[k * t + i] * cg[k];
          }
          cg[i] = v / l[i * t + i];
        }
      }
    }

    /**
     * The missing scores given c, Sigma and the observed scores (conditional normal), and the
     * within-cluster sum of squares and products sum_i (y_i - c_g)(y_i - c_g)' of the completed
     * data, the only function of the missing scores the next draws use. When the imputation is kept
     * every missing score is drawn. Otherwise each pattern's share of the sum is drawn directly
     * from its distribution: with e_o = y_o - c_o the observed deviations and e_m = K e_o + C z the
     * missing ones (C C' the conditional covariance, z standard normal), the sum needs E = sum e_o
     * e_o' (known), D'Z = sum e_o z' and Z'Z = sum z z'; writing D = Q R (QR of the pattern's n_p x
     * o matrix of e_o), D'Z = R'W and Z'Z = W'W + V'V with W = Q'Z (o x q) and V (n_p - o rows)
     * independent standard normal, so D'Z = chol(E) W and V'V is Wishart(n_p - o, I): the same
     * distribution as the sum of the n_p drawn participants, for q + o q + q(q+1)/2 draws instead
     * of n_p q.
     */
    private double[][] drawMissing(boolean every) {
      for (double[] row : within) {
        java.util.Arrays.fill(row, 0);
      }
      for (Pattern p : patterns) {
        int o = p.obs.length;
        int q = p.mis.length;
        boolean each = q > 0 && (every || p.members.length <= t);
        double[][] e = each ? null : observedScatter(p);
        if (e != null && o > 0 && q > 0 && Dense.choleskyInto(e, p.scatterChol) < e.length) {
          each = true; // the observed deviations span fewer than o dimensions
        }
        if (each) {
          drawEach(p, within);
          continue;
        }
        int[] obs = p.obs;
        int[] mis = p.mis;
        for (int a = 0; a < o; a++) {
          for (int b = 0; b < o; b++) {
            within[obs[a]][obs[b]] += e[a][b];
          }
        }
        if (q == 0) {
          continue;
        }
        p.work.draw(draws, e, p.scatterChol, p.k, p.chol, p.members.length);
        double[][] observedMissing = p.work.observedMissing;
        double[][] missing = p.work.missing;
        for (int a = 0; a < q; a++) {
          for (int b = 0; b < o; b++) {
            within[mis[a]][obs[b]] += observedMissing[b][a];
            within[obs[b]][mis[a]] += observedMissing[b][a];
          }
          for (int b = 0; b < q; b++) {
            within[mis[a]][mis[b]] += missing[a][b];
          }
        }
      }
      return Dense.symmetrise(within);
    }

    /** E = sum over the pattern's participants of (y_o - c_g,o)(y_o - c_g,o)', from its sums. */
    private double[][] observedScatter(Pattern p) {
      int o = p.obs.length;
      double[][] e = p.scatter;
      for (int a = 0; a < o; a++) {
        System.arraycopy(p.cross[a], 0, e[a], 0, o);
      }
      for (int g : p.present) {
        int count = p.count[g];
        double[] s = p.sums[g];
        double[] cg = c[g];
        for (int a = 0; a < o; a++) {
          double ca = cg[p.obs[a]];
          for (int b = 0; b < o; b++) {
            double cb = cg[p.obs[b]];
            e[a][b] -= s[a] * cb + ca * s[b] - count * ca * cb;
          }
        }
      }
      return e;
    }

    /** Draws every missing score of the pattern and adds each participant's (y - c)(y - c)'. */
    private void drawEach(Pattern p, double[][] within) {
      int[] obs = p.obs;
      int[] mis = p.mis;
      double[] z = new double[mis.length];
      double[] dev = new double[t];
      for (int i : p.members) {
        double[] ci = c[cluster[i]];
        double[] row = completed[i];
        for (int a = 0; a < mis.length; a++) {
          z[a] = draws.normal();
        }
        for (int a = 0; a < mis.length; a++) {
          double v = ci[mis[a]];
          double[] ka = p.k[a];
          for (int b = 0; b < obs.length; b++) {
            v += ka[b] * (row[obs[b]] - ci[obs[b]]);
          }
          double[] la = p.chol[a];
          for (int b = 0; b <= a; b++) {
            v += la[b] * z[b];
          }
          row[mis[a]] = v;
        }
        for (int a = 0; a < t; a++) {
          dev[a] = row[a] - ci[a];
        }
        for (int a = 0; a < t; a++) {
          for (int b = 0; b < t; b++) {
            within[a][b] += dev[a] * dev[b];
          }
        }
      }
    }

    /** mu, Sigma, the auxiliary scales and Psi, given c and the within-cluster sum of squares. */
    private void drawParameters(double[][] within) {
      for (int arm = 0; arm < 2; arm++) {
        double[] mean = new double[t];
        for (int g = 0; g < clusters; g++) {
          if (clusterArm[g] == arm) {
            for (int k = 0; k < t; k++) {
              mean[k] += c[g][k] / armClusters[arm];
            }
          }
        }
        mu[arm] = draws.normal(mean, Dense.cholesky(Dense.scale(psi, 1.0 / armClusters[arm])));
      }
      sigma = draws.inverseWishart(n, within);
      for (int k = 0; k < t; k++) { // Psi has not changed since drawClusters inverted it
        aux[k] = draws.inverseGamma((NU + t) / 2, NU * psiInv[k][k] + 1 / (scaleA[k] * scaleA[k]));
      }
      double[][] between = new double[t][t];
      for (int g = 0; g < clusters; g++) {
        double[] mg = mu[clusterArm[g]];
        for (int a = 0; a < t; a++) {
          for (int b = 0; b < t; b++) {
            between[a][b] += (c[g][a] - mg[a]) * (c[g][b] - mg[b]);
          }
        }
      }
      for (int k = 0; k < t; k++) {
        between[k][k] += 2 * NU / aux[k];
      }
      psi = draws.inverseWishart(NU + t - 1 + clusters, Dense.symmetrise(between));
    }

    private int[] indices(int bits, boolean observed) {
      return java.util.stream.IntStream.range(0, t)
          .filter(k -> ((bits >> k & 1) == 1) == observed)
          .toArray();
    }
  }

  /**
   * The lower Cholesky factor of the p x p matrix a into l (row-major, flat; the lower triangle is
   * written, the upper one not touched): the arithmetic of {@link Dense#cholesky}, its pivot test
   * and its exception, without allocating.
   */
  private static void cholesky(double[] a, double[] l, int p) {
    for (int j = 0; j < p; j++) {
      double ajj = a[j * p + j];
      double d = ajj;
      for (int k = 0; k < j; k++) {
        d -= l[j * p + k] * l[j * p + k];
      }
      if (!(d > 1e-12 * Math.abs(ajj)) || !Double.isFinite(d)) {
        double[][] square = new double[p][p];
        for (int r = 0; r < p; r++) {
          System.arraycopy(a, r * p, square[r], 0, p);
        }
        Dense.cholesky(square); // throws Dense's exception, with its message
      }
      double ljj = Math.sqrt(d);
      l[j * p + j] = ljj;
      for (int i = j + 1; i < p; i++) {
        double v = a[i * p + j];
        for (int k = 0; k < j; k++) {
          v -= l[i * p + k] * l[j * p + k];
        }
        l[i * p + j] = v / ljj;
      }
    }
  }

  /** The lower triangle of the p x p flat factor l into out (whose upper triangle stays 0). */
  private static void lowerInto(double[] l, int p, double[][] out) {
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        out[i][j] = l[i * p + j];
      }
    }
  }
}
