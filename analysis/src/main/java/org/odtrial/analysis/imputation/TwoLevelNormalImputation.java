package org.odtrial.analysis.imputation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.odtrial.analysis.imputation.internal.Draws;
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
 * <p>Each iteration draws, in turn: the missing scores given the observed ones, c and Sigma
 * (conditional normal: mean c_g,mis + Sigma_mo Sigma_oo^-1 (y_o - c_g,o)); each c_g from N(V
 * (Psi^-1 mu + Sigma^-1 sum_i y_i), V), V = (Psi^-1 + n_g Sigma^-1)^-1; each mu_arm from N(mean of
 * its clusters' c_g, Psi / G_arm); Sigma from IW(N, sum_i (y_i - c_g)(y_i - c_g)'); the auxiliary
 * a_t from IG((2 + T)/2, 2 (Psi^-1)_tt + 1/A_t^2) and Psi from IW(T + 1 + G, sum_g (c_g - mu)(c_g -
 * mu)' + 4 diag(1/a)) (IW(df, S): density proportional to |X|^-(df + T + 1)/2 exp(-tr(S X^-1)/2)).
 * After {@value #BURN_IN} iterations the completed data are an imputation; further imputations
 * follow every {@value #THIN} iterations of the same chain. Only participants with a missing score
 * are visited per iteration (the others enter through sums computed once), so an iteration costs
 * O(incomplete participants T^2 + clusters T^3).
 *
 * <p>Immutable; the same data and seed give the same imputations.
 */
public final class TwoLevelNormalImputation {
  /** Iterations before the first imputation. */
  public static final int BURN_IN = 500;

  /** Iterations between imputations. */
  public static final int THIN = 100;

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

  /** As {@link #impute(int, long, String, Consumer)} with another burn-in and spacing (tests). */
  void impute(int m, long seed, String stream, int burnIn, int thin, Consumer each) {
    Draws draws =
        new Draws(new Well19937c(new int[] {(int) seed, (int) (seed >>> 32), stream.hashCode()}));
    new Chain(draws).run(m, burnIn, thin, each);
  }

  /** The state of one Gibbs chain. */
  private final class Chain {
    private final Draws draws;
    private final int n = y.length;
    private final int t = y[0].length;
    private final double[] centre = new double[t];
    private final double[] scaleA = new double[t];
    private final double[][] completed;
    private final int[] incomplete;
    private final int[] mask;
    private final Map<Integer, List<Integer>> byMask = new LinkedHashMap<>();
    private final double[][] fixedSums; // per cluster: sums of the complete participants
    private final double[][] fixedCross; // sum of y y' of the complete participants
    private final int[] size = new int[clusters];
    private final int[] armClusters = new int[2];
    private final double[][] c;
    private final double[][] mu = new double[2][];
    private double[][] sigma;
    private double[][] psi;
    private final double[] aux;

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
      mask = new int[n];
      List<Integer> inc = new ArrayList<>();
      fixedSums = new double[clusters][t];
      fixedCross = new double[t][t];
      int full = (1 << t) - 1;
      for (int i = 0; i < n; i++) {
        int bits = 0;
        for (int k = 0; k < t; k++) {
          boolean seen = !Double.isNaN(y[i][k]);
          completed[i][k] = seen ? y[i][k] - centre[k] : 0;
          bits |= seen ? 1 << k : 0;
        }
        mask[i] = bits;
        size[cluster[i]]++;
        if (bits == full) {
          addTo(fixedSums[cluster[i]], fixedCross, completed[i]);
        } else {
          inc.add(i);
          byMask.computeIfAbsent(bits, b -> new ArrayList<>()).add(i);
        }
      }
      incomplete = inc.stream().mapToInt(Integer::intValue).toArray();
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
        imputeMissing();
        if (it >= burnIn && (it - burnIn) % thin == 0) {
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
        drawParameters();
      }
    }

    /** The I-step: each incomplete participant's missing scores given the observed ones. */
    private void imputeMissing() {
      for (Map.Entry<Integer, List<Integer>> e : byMask.entrySet()) {
        int bits = e.getKey();
        int[] obs = indices(bits, true);
        int[] mis = indices(bits, false);
        double[][] k;
        double[][] chol;
        if (obs.length == 0) {
          k = new double[mis.length][0];
          chol = Dense.cholesky(sigma);
        } else {
          double[][] soo = Dense.submatrix(sigma, obs, obs);
          double[][] smo = Dense.submatrix(sigma, mis, obs);
          k = Dense.multiply(smo, Dense.inverseSpd(soo));
          double[][] cond =
              Dense.addScaled(
                  Dense.submatrix(sigma, mis, mis), -1, Dense.multiply(k, Dense.transpose(smo)));
          chol = Dense.cholesky(Dense.symmetrise(cond));
        }
        double[] mean = new double[mis.length];
        for (int i : e.getValue()) {
          double[] ci = c[cluster[i]];
          double[] row = completed[i];
          for (int a = 0; a < mis.length; a++) {
            double v = ci[mis[a]];
            for (int b = 0; b < obs.length; b++) {
              v += k[a][b] * (row[obs[b]] - ci[obs[b]]);
            }
            mean[a] = v;
          }
          double[] draw = draws.normal(mean, chol);
          for (int a = 0; a < mis.length; a++) {
            row[mis[a]] = draw[a];
          }
        }
      }
    }

    /** The P-step: c, mu, Sigma, the auxiliary scales and Psi, given the completed data. */
    private void drawParameters() {
      double[][] sums = new double[clusters][];
      for (int g = 0; g < clusters; g++) {
        sums[g] = fixedSums[g].clone();
      }
      double[][] cross = Dense.copy(fixedCross);
      for (int i : incomplete) {
        addTo(sums[cluster[i]], cross, completed[i]);
      }
      Dense.mirrorLower(cross);
      double[][] sigmaInv = Dense.inverseSpd(sigma);
      double[][] psiInv = Dense.inverseSpd(psi);
      for (int g = 0; g < clusters; g++) {
        double[][] prec = Dense.addScaled(psiInv, size[g], sigmaInv);
        double[][] v = Dense.inverseSpd(Dense.symmetrise(prec));
        double[] rhs = Dense.multiply(psiInv, mu[clusterArm[g]]);
        double[] fromData = Dense.multiply(sigmaInv, sums[g]);
        for (int k = 0; k < t; k++) {
          rhs[k] += fromData[k];
        }
        c[g] = draws.normal(Dense.multiply(v, rhs), Dense.cholesky(v));
      }
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
      // sum_i (y_i - c_g)(y_i - c_g)' = sum y y' - sum_g (s_g c_g' + c_g s_g' - n_g c_g c_g')
      double[][] within = cross;
      for (int g = 0; g < clusters; g++) {
        for (int a = 0; a < t; a++) {
          for (int b = 0; b < t; b++) {
            within[a][b] -=
                sums[g][a] * c[g][b] + c[g][a] * sums[g][b] - size[g] * c[g][a] * c[g][b];
          }
        }
      }
      sigma = draws.inverseWishart(n, Dense.symmetrise(within));
      double[][] psiInvNow = Dense.inverseSpd(psi);
      for (int k = 0; k < t; k++) {
        aux[k] =
            draws.inverseGamma((NU + t) / 2, NU * psiInvNow[k][k] + 1 / (scaleA[k] * scaleA[k]));
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

  private static void addTo(double[] sum, double[][] cross, double[] row) {
    for (int a = 0; a < row.length; a++) {
      sum[a] += row[a];
      for (int b = 0; b <= a; b++) {
        cross[a][b] += row[a] * row[b];
      }
    }
  }
}
