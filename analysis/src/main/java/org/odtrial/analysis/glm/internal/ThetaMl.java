package org.odtrial.analysis.glm.internal;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.special.Gamma;

/**
 * {@code MASS::theta.ml}: Newton-Raphson for the NB2 shape theta given fitted means, started at n /
 * sum((y/mu - 1)^2), at most limit - 1 steps, stopping when |step| <= eps
 * (.Machine$double.eps^0.25). The terms that depend only on (y, theta) are summed once per distinct
 * count, which makes a step cost one log per observation; given the model's cells (bit-identical
 * observations), one per cell, summed over the observations in their order as before.
 */
public final class ThetaMl {
  /** .Machine$double.eps^0.25 */
  public static final double EPS = Math.pow(Math.ulp(1.0), 0.25);

  private final double[] y;

  /** The observations' cells, or null: the per-observation terms are computed once per cell. */
  private final Cells cells;

  private final double[] distinct;
  private final double[] multiplicity;

  /** Estimate with its standard error and theta.ml's warnings. */
  public record Estimate(
      double theta, double se, boolean iterationLimit, boolean truncatedAtZero) {}

  public ThetaMl(double[] y) {
    this(y, null);
  }

  /** With the cells of the model's observations ({@code y} their counts). */
  public ThetaMl(double[] y, Cells cells) {
    this.y = y;
    this.cells = cells;
    // counts are integers almost always: tally them in an array rather than boxing a million keys
    int max = -1;
    boolean integral = true;
    for (double v : y) {
      if (v != Math.rint(v) || v > 1e7) {
        integral = false;
        break;
      }
      max = Math.max(max, (int) v);
    }
    if (integral) {
      int[] tally = new int[max + 1];
      for (double v : y) {
        tally[(int) v]++;
      }
      int k = 0;
      for (int t : tally) {
        k += t > 0 ? 1 : 0;
      }
      distinct = new double[k];
      multiplicity = new double[k];
      k = 0;
      for (int v = 0; v <= max; v++) {
        if (tally[v] > 0) {
          distinct[k] = v;
          multiplicity[k++] = tally[v];
        }
      }
      return;
    }
    Map<Double, Integer> counts = new HashMap<>();
    for (double v : y) {
      counts.merge(v, 1, Integer::sum);
    }
    distinct = new double[counts.size()];
    multiplicity = new double[counts.size()];
    int k = 0;
    for (Map.Entry<Double, Integer> e :
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      distinct[k] = e.getKey();
      multiplicity[k] = e.getValue();
      k++;
    }
  }

  public Estimate estimate(double[] mu, int limit) {
    Terms m = terms(mu);
    double n = y.length;
    double[] r2 = new double[m.mu.length];
    for (int c = 0; c < r2.length; c++) {
      double r = m.y[c] / m.mu[c] - 1;
      r2[c] = r * r;
    }
    double s = m.sum(0, r2);
    double t0 = n / s;
    int it = 0;
    double del = 1;
    double info = Double.NaN;
    while (++it < limit && Math.abs(del) > EPS) {
      t0 = Math.abs(t0);
      info = info(t0, m);
      del = score(t0, m) / info;
      t0 = t0 + del;
    }
    boolean truncated = false;
    if (t0 < 0) {
      t0 = 0;
      truncated = true;
    }
    return new Estimate(t0, Math.sqrt(1 / info), it == limit, truncated);
  }

  /**
   * Per-observation inputs of the sums: the means and counts per cell (summed over the observations
   * through the cells, in their order), or per observation.
   */
  private record Terms(double[] mu, double[] y, Cells cells) {
    double sum(double s, double[] terms) {
      if (cells == null) {
        for (double t : terms) {
          s += t;
        }
        return s;
      }
      return cells.accumulate(s, terms);
    }
  }

  private Terms terms(double[] mu) {
    double[] perCell = cells == null ? null : cells.gather(mu);
    return perCell == null ? new Terms(mu, y, null) : new Terms(perCell, cells.y, cells);
  }

  double score(double th, double[] mu) {
    return score(th, terms(mu));
  }

  private double score(double th, Terms m) {
    double s = 0;
    double dth = Gamma.digamma(th);
    for (int k = 0; k < distinct.length; k++) {
      s += multiplicity[k] * (Gamma.digamma(th + distinct[k]) - dth);
    }
    double logTh1 = Math.log(th) + 1;
    double[] t = new double[m.mu.length];
    for (int i = 0; i < t.length; i++) {
      double mt = m.mu[i] + th;
      t[i] = logTh1 - Math.log(mt) - (m.y[i] + th) / mt;
    }
    return m.sum(s, t);
  }

  double info(double th, double[] mu) {
    return info(th, terms(mu));
  }

  private double info(double th, Terms m) {
    double s = 0;
    double tth = Gamma.trigamma(th);
    for (int k = 0; k < distinct.length; k++) {
      s += multiplicity[k] * (tth - Gamma.trigamma(th + distinct[k]));
    }
    double inv = 1 / th;
    double[] t = new double[m.mu.length];
    for (int i = 0; i < t.length; i++) {
      double mt = m.mu[i] + th;
      t[i] = -inv + 2 / mt - (m.y[i] + th) / (mt * mt);
    }
    return m.sum(s, t);
  }

  /**
   * glm.nb's loglik: sum(lgamma(th+y) - lgamma(th) - lgamma(y+1) + th*log(th) + y*log(mu+(y==0)) -
   * (th+y)*log(th+mu)).
   */
  public double logLik(double th, double[] mu) {
    double s = 0;
    double lth = Gamma.logGamma(th);
    for (int k = 0; k < distinct.length; k++) {
      s +=
          multiplicity[k]
              * (Gamma.logGamma(th + distinct[k]) - lth - Gamma.logGamma(distinct[k] + 1));
    }
    double thLogTh = th * Math.log(th);
    Terms m = terms(mu);
    double[] t = new double[m.mu.length];
    for (int i = 0; i < t.length; i++) {
      double yi = m.y[i];
      double mi = m.mu[i];
      t[i] = thLogTh + yi * Math.log(mi + (yi == 0 ? 1 : 0)) - (th + yi) * Math.log(th + mi);
    }
    return m.sum(s, t);
  }

  /**
   * The NB2 log-likelihood written to stay exact as theta grows (it tends to the Poisson
   * log-likelihood): sum[ sum_{k<y} log1p(k/theta) + y log mu - (theta + y) log1p(mu/theta) -
   * lgamma(y + 1) ], which equals glm.nb's form; the inner sum is accumulated once up to the
   * largest count. Non-integer or very large counts use lgamma(theta + y) - lgamma(theta) - y log
   * theta.
   */
  public double stableLogLik(double th, double[] mu) {
    double s = 0;
    boolean integral = true;
    double max = 0;
    for (double v : distinct) {
      integral &= v == Math.rint(v) && v <= 1e7;
      max = Math.max(max, v);
    }
    if (integral) {
      double acc = 0;
      int k = 0;
      for (int d = 0; d < distinct.length; d++) {
        int target = (int) distinct[d];
        while (k < target) {
          acc += Math.log1p(k / th);
          k++;
        }
        s += multiplicity[d] * (acc - Gamma.logGamma(distinct[d] + 1));
      }
    } else {
      double lth = Gamma.logGamma(th);
      for (int d = 0; d < distinct.length; d++) {
        double v = distinct[d];
        s +=
            multiplicity[d]
                * (Gamma.logGamma(th + v) - lth - v * Math.log(th) - Gamma.logGamma(v + 1));
      }
    }
    Terms m = terms(mu);
    double[] t = new double[m.mu.length];
    for (int i = 0; i < t.length; i++) {
      double yi = m.y[i];
      double mi = m.mu[i];
      t[i] = (yi > 0 ? yi * Math.log(mi) : 0) - (th + yi) * Math.log1p(mi / th);
    }
    return m.sum(s, t);
  }

  /** The standard error 1/sqrt(I(theta)) of theta.ml at the means {@code mu}. */
  public double se(double th, double[] mu) {
    return Math.sqrt(1 / info(th, mu));
  }

  /** The score in theta at the means {@code mu} (theta.ml's U). */
  public double scoreAt(double th, double[] mu) {
    return score(th, mu);
  }
}
