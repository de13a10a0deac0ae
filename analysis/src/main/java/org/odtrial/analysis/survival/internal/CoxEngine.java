package org.odtrial.analysis.survival.internal;

import java.util.Arrays;

/**
 * Cox partial likelihood, score and information by one sweep over the sorted data (time descending
 * within strata, cumulative risk-set sums), Newton-Raphson as survival's {@code coxfit6}, and score
 * residuals as {@code coxscore2}. All quantities are on the centred and scaled covariates of {@link
 * CoxData}.
 */
public final class CoxEngine {

  /** Result of Newton-Raphson on the scaled problem. */
  public record Newton(
      double[] beta,
      double[] u,
      double[] imat,
      Cholesky chol,
      double loglikInitial,
      double loglikFinal,
      double scoreTest,
      int scoreRank,
      int iterations,
      boolean converged,
      boolean halvingAtEnd) {}

  private final CoxData d;
  private final boolean efron;
  private final int p;
  private final double[] u;
  private final double[] imat;
  // Work arrays reused across sweeps.
  private final double[] a;
  private final double[] a2;
  private final double[] cmat;
  private final double[] cmat2;
  // Sums over the rows carried after their time that the sweep has not reached yet (tails).
  private final double[] tailA;
  private final double[] tailC;
  // exp() of the last arguments seen, by their bits (see exp); an entry's value is always exp of
  // its key, from the start (exp(+0.0) = 1).
  private final long[] expKey = new long[EXP_SLOTS];
  private final double[] expValue = new double[EXP_SLOTS];
  private boolean expMemo = true;
  private int expMisses;

  private static final int EXP_SLOTS = 64;

  public CoxEngine(CoxData data, boolean efron) {
    this.d = data;
    this.efron = efron;
    this.p = data.p;
    this.u = new double[p];
    this.imat = new double[p * p];
    this.a = new double[p];
    this.a2 = new double[p];
    this.cmat = new double[p * p];
    this.cmat2 = new double[p * p];
    this.tailA = new double[p];
    this.tailC = new double[p * p];
    Arrays.fill(expValue, 1.0);
  }

  /**
   * Math.exp(z), remembered: a model of the arm alone (or of a few cells) has only a few distinct
   * linear predictors, so a sweep over a million rows would otherwise take the same few
   * exponentials a million times. The same argument gives the same value, so this changes no
   * result; once a sweep misses on more than a sixteenth of its rows, it stops remembering.
   */
  private double exp(double z) {
    if (!expMemo) {
      return Math.exp(z);
    }
    long bits = Double.doubleToRawLongBits(z);
    int slot = (int) (((bits ^ (bits >>> 29)) * 0x9E3779B97F4A7C15L) >>> 58);
    if (expKey[slot] == bits) {
      return expValue[slot];
    }
    expMisses++;
    double e = Math.exp(z);
    expKey[slot] = bits;
    expValue[slot] = e;
    return e;
  }

  /** Ends a pass over the rows: stops remembering exponentials if that did not pay. */
  private void endExpPass() {
    if (expMisses > d.n / 16) {
      expMemo = false;
    }
    expMisses = 0;
  }

  /**
   * Log partial likelihood at beta; fills u (score) and the lower triangle of imat (information).
   * With case weights w (agfit4): an event contributes w eta to the log likelihood and w x to the
   * score, the risk set sums are weighted by w, and the tied events of a time share their mean
   * weight over Efron's fractions. With start times, a row leaves the risk set once the sweep
   * reaches its start.
   */
  double sweep(double[] beta) {
    Arrays.fill(u, 0);
    Arrays.fill(imat, 0);
    double[] x = d.x;
    double[] w = d.weight;
    double loglik = 0;
    int strata = d.strataGroupStart.length - 1;
    for (int s = 0; s < strata; s++) {
      double denom = 0;
      Arrays.fill(a, 0);
      Arrays.fill(cmat, 0);
      int firstGroup = d.strataGroupStart[s];
      int stratumEnd = d.groupStart[d.strataGroupStart[s + 1]];
      int leave = d.groupStart[firstGroup];
      int atRisk = 0;
      double tailDenom = d.tailScale == null ? 0 : tailSums(beta, firstGroup, s);
      for (int g = firstGroup; g < d.strataGroupStart[s + 1]; g++) {
        if (d.start != null) {
          double t = d.time[d.groupStart[g]];
          for (; leave < stratumEnd && d.start[d.byStart[leave]] >= t; leave++) {
            int k = d.byStart[leave];
            if (--atRisk == 0) {
              // Nobody left at risk: start again from exact zeros, as agfit4 does.
              denom = 0;
              Arrays.fill(a, 0);
              Arrays.fill(cmat, 0);
              continue;
            }
            int off = k * p;
            double zbeta = 0;
            for (int i = 0; i < p; i++) {
              zbeta += beta[i] * x[off + i];
            }
            double risk = w[k] * exp(zbeta);
            denom -= risk;
            for (int i = 0; i < p; i++) {
              double rx = risk * x[off + i];
              a[i] -= rx;
              int row = i * p;
              for (int j = 0; j <= i; j++) {
                cmat[row + j] -= rx * x[off + j];
              }
            }
          }
          atRisk += d.groupStart[g + 1] - d.groupStart[g];
        }
        int ndead = 0;
        double deadWeight = 0;
        double denom2 = 0;
        Arrays.fill(a2, 0);
        Arrays.fill(cmat2, 0);
        for (int k = d.groupStart[g]; k < d.groupStart[g + 1]; k++) {
          int off = k * p;
          double zbeta = 0;
          for (int i = 0; i < p; i++) {
            zbeta += beta[i] * x[off + i];
          }
          double risk = w[k] * exp(zbeta);
          if (d.tailScale != null && d.tailScale[k] > 0) {
            // From its own time down the row counts in full: it leaves the tail sums.
            tailDenom -= addTail(risk * d.tailScale[k], off, -1);
          }
          double[] sumX;
          double[] sumXX;
          if (d.status[k]) {
            ndead++;
            deadWeight += w[k];
            denom2 += risk;
            loglik += w[k] * zbeta;
            for (int i = 0; i < p; i++) {
              u[i] += w[k] * x[off + i];
            }
            sumX = a2;
            sumXX = cmat2;
          } else {
            denom += risk;
            sumX = a;
            sumXX = cmat;
          }
          addRow(risk, off, sumX, sumXX);
        }
        if (ndead == 0) {
          continue;
        }
        double factor = d.tailScale == null ? 0 : d.groupTailFactor[g];
        if (factor > 0) {
          // The carried rows join this event time's risk set with weight g(t-) / g(T-).
          denom += factor * tailDenom;
          shiftByTail(factor);
        }
        if (!efron || ndead == 1) {
          denom += denom2;
          loglik -= deadWeight * Math.log(denom);
          for (int i = 0; i < p; i++) {
            a[i] += a2[i];
            double mean = a[i] / denom;
            u[i] -= deadWeight * mean;
            int row = i * p;
            for (int j = 0; j <= i; j++) {
              cmat[row + j] += cmat2[row + j];
              imat[row + j] += deadWeight * (cmat[row + j] - mean * a[j]) / denom;
            }
          }
        } else {
          // Efron: the tied deaths leave the risk set in ndead equal fractions, each carrying
          // the deaths' mean weight.
          double meanWeight = deadWeight / ndead;
          // Each fraction adds the same quotients: divided once here (the same values, so the
          // same sums), not once per tied death.
          double denomStep = denom2 / ndead;
          for (int i = 0; i < p; i++) {
            a2[i] /= ndead;
            int row = i * p;
            for (int j = 0; j <= i; j++) {
              cmat2[row + j] /= ndead;
            }
          }
          for (int kk = 0; kk < ndead; kk++) {
            denom += denomStep;
            loglik -= meanWeight * Math.log(denom);
            for (int i = 0; i < p; i++) {
              a[i] += a2[i];
              double mean = a[i] / denom;
              u[i] -= meanWeight * mean;
              int row = i * p;
              for (int j = 0; j <= i; j++) {
                cmat[row + j] += cmat2[row + j];
                imat[row + j] += meanWeight * ((cmat[row + j] - mean * a[j]) / denom);
              }
            }
          }
        }
        if (factor > 0) {
          denom -= factor * tailDenom;
          shiftByTail(-factor);
        }
      }
    }
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < i; j++) {
        imat[j * p + i] = imat[i * p + j];
      }
    }
    endExpPass();
    return loglik;
  }

  /**
   * Adds risk (x, x x') of the row at offset off to the sums. A zero covariate adds a product of
   * zero, which leaves a sum as it is: the sums start at +0.0 and are only ever added to, so none
   * is -0.0, and x + 0.0 == x for every other x. Such terms are skipped (indicator columns are
   * mostly zero, an interaction design's nearly all), unless the product is not finite (inf * 0 is
   * NaN).
   */
  private void addRow(double risk, int off, double[] sumX, double[] sumXX) {
    double[] x = d.x;
    boolean finite = risk <= Double.MAX_VALUE;
    for (int i = 0; i < p; i++) {
      double xi = x[off + i];
      if (xi == 0 && finite) {
        continue;
      }
      double rx = risk * xi;
      sumX[i] += rx;
      int row = i * p;
      if (Math.abs(rx) <= Double.MAX_VALUE) {
        for (int j = 0; j <= i; j++) {
          double xj = x[off + j];
          if (xj != 0) {
            sumXX[row + j] += rx * xj;
          }
        }
      } else {
        for (int j = 0; j <= i; j++) {
          sumXX[row + j] += rx * x[off + j];
        }
      }
    }
  }

  /**
   * Fills the tail sums with every carried row of stratum s (the sweep takes each out when it
   * reaches the row's own time) and returns their weighted risk total.
   */
  private double tailSums(double[] beta, int firstGroup, int s) {
    Arrays.fill(tailA, 0);
    Arrays.fill(tailC, 0);
    double total = 0;
    for (int k = d.groupStart[firstGroup]; k < d.groupStart[d.strataGroupStart[s + 1]]; k++) {
      if (d.tailScale[k] > 0) {
        int off = k * p;
        double zbeta = 0;
        for (int i = 0; i < p; i++) {
          zbeta += beta[i] * d.x[off + i];
        }
        total += addTail(d.weight[k] * exp(zbeta) * d.tailScale[k], off, 1);
      }
    }
    return total;
  }

  /** Adds sign * r (x, x x') of the row at offset off to the tail sums; returns r. */
  private double addTail(double r, int off, int sign) {
    double[] x = d.x;
    double sr = sign * r;
    for (int i = 0; i < p; i++) {
      double rx = sr * x[off + i];
      tailA[i] += rx;
      int row = i * p;
      for (int j = 0; j <= i; j++) {
        tailC[row + j] += rx * x[off + j];
      }
    }
    return r;
  }

  /** Adds factor times the tail sums to the running risk-set sums a and cmat. */
  private void shiftByTail(double factor) {
    for (int i = 0; i < p; i++) {
      a[i] += factor * tailA[i];
      int row = i * p;
      for (int j = 0; j <= i; j++) {
        cmat[row + j] += factor * tailC[row + j];
      }
    }
  }

  /** Newton-Raphson with step halving from beta = 0, with coxph.control's rules. */
  public Newton fit(int maxIter, double eps, double tolerChol) {
    double[] beta = new double[p];
    double ll0 = sweep(beta);
    double[] u0 = u.clone();
    Cholesky chol = new Cholesky(imat, p, tolerChol);
    double[] step = chol.solve(u0);
    double score = 0;
    for (int i = 0; i < p; i++) {
      score += u0[i] * step[i];
    }
    if (maxIter == 0 || !Double.isFinite(ll0)) {
      return new Newton(
          beta, u0, imat.clone(), chol, ll0, ll0, score, chol.rank(), 0, false, false);
    }
    int rank0 = chol.rank();
    double best = ll0;
    double[] newBeta = new double[p];
    for (int i = 0; i < p; i++) {
      newBeta[i] = beta[i] + step[i];
    }
    int halving = 0;
    for (int iter = 1; iter <= maxIter; iter++) {
      double newLl = sweep(newBeta);
      chol = new Cholesky(imat, p, tolerChol);
      boolean finite = Double.isFinite(newLl);
      for (int i = 0; i < p && finite; i++) {
        finite = Double.isFinite(u[i]);
      }
      for (int i = 0; i < p * p && finite; i++) {
        finite = Double.isFinite(imat[i]);
      }
      if (finite && Math.abs(1 - best / newLl) <= eps) {
        return new Newton(
            newBeta,
            u.clone(),
            imat.clone(),
            chol,
            ll0,
            newLl,
            score,
            rank0,
            iter,
            true,
            halving > 0);
      }
      if (!finite || newLl < best) {
        // Not improving: pull back towards the last good beta, harder each time.
        halving++;
        for (int i = 0; i < p; i++) {
          newBeta[i] = (newBeta[i] + halving * beta[i]) / (halving + 1.0);
        }
      } else {
        halving = 0;
        best = newLl;
        double[] delta = chol.solve(u);
        for (int i = 0; i < p; i++) {
          beta[i] = newBeta[i];
          newBeta[i] = newBeta[i] + delta[i];
        }
      }
    }
    // Out of iterations: report the last good beta with its own score and information.
    double ll = sweep(beta);
    chol = new Cholesky(imat, p, tolerChol);
    return new Newton(
        beta, u.clone(), imat.clone(), chol, ll0, ll, score, rank0, maxIter, false, false);
  }

  /**
   * Score residuals at beta, as coxscore2 (agscore2 for start times), summed within clusters with
   * the case weights (clusters x p, row-major): for row k the residual is the sum over event times
   * t in (start_k, t_k] of (x_k - xbar(t)) (dN_k(t) - r_k dLambda(t)), with Efron's fractional risk
   * sets for tied deaths; dfbeta of a cluster is sum_k w_k residual_k times V. Summing on the fly
   * avoids an n x p array.
   *
   * @param clusterOfSorted cluster index (0..clusters-1) of each observation in sorted order
   */
  public double[] clusterScoreResiduals(double[] beta, int[] clusterOfSorted, int clusters) {
    int n = d.n;
    double[] x = d.x;
    double[] w = d.weight;
    double[] risk = new double[n];
    for (int k = 0; k < n; k++) {
      double z = 0;
      for (int i = 0; i < p; i++) {
        z += beta[i] * x[k * p + i];
      }
      risk[k] = z;
    }
    // Shift like coxph's residual code so exp() cannot overflow; residuals are invariant.
    double max = Double.NEGATIVE_INFINITY;
    for (double z : risk) {
      max = Math.max(max, z);
    }
    double shift = max > 700 ? max - 700 : 0;
    for (int k = 0; k < n; k++) {
      risk[k] = exp(risk[k] - shift);
    }
    endExpPass();
    int groups = d.groups();
    // Per tie group: hazard for survivors (h, hb = sum h * mean), for the deaths (hd, hdb) and
    // the average of the fractional means (mbar) that each death is compared with.
    double[] h = new double[groups];
    double[] hd = new double[groups];
    double[] hb = new double[groups * p];
    double[] hdb = new double[groups * p];
    double[] mbar = new double[groups * p];
    double[] sumA = new double[p];
    double[] sumA2 = new double[p];
    int strata = d.strataGroupStart.length - 1;
    for (int s = 0; s < strata; s++) {
      double denom = 0;
      Arrays.fill(sumA, 0);
      int stratumEnd = d.groupStart[d.strataGroupStart[s + 1]];
      int leave = d.groupStart[d.strataGroupStart[s]];
      int atRisk = 0;
      // Carried rows not yet reached: weighted risk total and risk-weighted x sums.
      double tailDenom = 0;
      double[] tailX = new double[p];
      if (d.tailScale != null) {
        for (int k = leave; k < stratumEnd; k++) {
          if (d.tailScale[k] > 0) {
            double r = w[k] * risk[k] * d.tailScale[k];
            tailDenom += r;
            for (int i = 0; i < p; i++) {
              tailX[i] += r * x[k * p + i];
            }
          }
        }
      }
      for (int g = d.strataGroupStart[s]; g < d.strataGroupStart[s + 1]; g++) {
        if (d.start != null) {
          double t = d.time[d.groupStart[g]];
          for (; leave < stratumEnd && d.start[d.byStart[leave]] >= t; leave++) {
            int k = d.byStart[leave];
            if (--atRisk == 0) {
              denom = 0;
              Arrays.fill(sumA, 0);
              continue;
            }
            double r = w[k] * risk[k];
            denom -= r;
            for (int i = 0; i < p; i++) {
              sumA[i] -= r * x[k * p + i];
            }
          }
          atRisk += d.groupStart[g + 1] - d.groupStart[g];
        }
        int deaths = 0;
        double deadWeight = 0;
        double eDenom = 0;
        Arrays.fill(sumA2, 0);
        for (int k = d.groupStart[g]; k < d.groupStart[g + 1]; k++) {
          double r = w[k] * risk[k];
          denom += r;
          for (int i = 0; i < p; i++) {
            sumA[i] += r * x[k * p + i];
          }
          if (d.tailScale != null && d.tailScale[k] > 0) {
            double rt = r * d.tailScale[k];
            tailDenom -= rt;
            for (int i = 0; i < p; i++) {
              tailX[i] -= rt * x[k * p + i];
            }
          }
          if (d.status[k]) {
            deaths++;
            deadWeight += w[k];
            eDenom += r;
            for (int i = 0; i < p; i++) {
              sumA2[i] += r * x[k * p + i];
            }
          }
        }
        if (deaths == 0) {
          continue;
        }
        double factor = d.tailScale == null ? 0 : d.groupTailFactor[g];
        if (factor > 0) {
          denom += factor * tailDenom;
          for (int i = 0; i < p; i++) {
            sumA[i] += factor * tailX[i];
          }
        }
        if (!efron || deaths == 1) {
          double haz = deadWeight / denom;
          h[g] = haz;
          hd[g] = haz;
          for (int i = 0; i < p; i++) {
            double mean = sumA[i] / denom;
            hb[g * p + i] = haz * mean;
            hdb[g * p + i] = haz * mean;
            mbar[g * p + i] = mean;
          }
        } else {
          double meanWeight = deadWeight / deaths;
          for (int dd = 0; dd < deaths; dd++) {
            double down = dd / (double) deaths;
            double den = denom - down * eDenom;
            double haz = meanWeight / den;
            h[g] += haz;
            hd[g] += haz * (1 - down);
            for (int i = 0; i < p; i++) {
              double mean = (sumA[i] - down * sumA2[i]) / den;
              hb[g * p + i] += haz * mean;
              hdb[g * p + i] += haz * (1 - down) * mean;
              mbar[g * p + i] += mean / deaths;
            }
          }
        }
        if (factor > 0) {
          denom -= factor * tailDenom;
          for (int i = 0; i < p; i++) {
            sumA[i] -= factor * tailX[i];
          }
        }
      }
    }
    double[] resid = new double[clusters * p];
    double[] cumB = new double[p];
    // Carried rows: the event times after their own time, weighted by g(t-): sums over all groups
    // (totH, totB) and over the groups at or before the current one (tailH, tailB).
    double totH = 0;
    double[] totB = new double[p];
    if (d.tailScale != null) {
      for (int g = 0; g < groups; g++) {
        totH += d.groupTailFactor[g] * h[g];
        for (int i = 0; i < p; i++) {
          totB[i] += d.groupTailFactor[g] * hb[g * p + i];
        }
      }
    }
    double tailH = 0;
    double[] tailB = new double[p];
    // With start times: cumulative hazard (and hazard-weighted means) over the event times at or
    // before each group's time, to take off the event times a row was not yet at risk for.
    double[] hUpTo = d.start == null ? null : new double[groups];
    double[] bUpTo = d.start == null ? null : new double[groups * p];
    for (int s = 0; s < strata; s++) {
      double cumH = 0;
      Arrays.fill(cumB, 0);
      int firstGroup = d.strataGroupStart[s];
      // Ascending time: the risk set of a subject holds every event time up to its own.
      for (int g = d.strataGroupStart[s + 1] - 1; g >= firstGroup; g--) {
        if (d.tailScale != null) {
          tailH += d.groupTailFactor[g] * h[g];
          for (int i = 0; i < p; i++) {
            tailB[i] += d.groupTailFactor[g] * hb[g * p + i];
          }
        }
        for (int k = d.groupStart[g]; k < d.groupStart[g + 1]; k++) {
          double r = risk[k];
          int off = k * p;
          int out = clusterOfSorted[k] * p;
          boolean dead = d.status[k];
          double hOwn = dead ? hd[g] : h[g];
          double[] bOwn = dead ? hdb : hb;
          // The groups at or before the row's start time lie after g in sorted order.
          int before =
              d.start == null
                  ? -1
                  : lastGroupAtOrBefore(d.start[k], g + 1, d.strataGroupStart[s + 1]);
          for (int i = 0; i < p; i++) {
            double xi = x[off + i];
            double v;
            if (before < 0) {
              v = -r * (xi * (cumH + hOwn) - cumB[i] - bOwn[g * p + i]);
            } else {
              v =
                  -r
                      * (xi * (cumH - hUpTo[before] + hOwn)
                          - (cumB[i] - bUpTo[before * p + i])
                          - bOwn[g * p + i]);
            }
            if (dead) {
              v += xi - mbar[g * p + i];
            }
            if (d.tailScale != null && d.tailScale[k] > 0) {
              // Each later event time t, with weight g(t-) / g(T-).
              v -= r * d.tailScale[k] * (xi * (totH - tailH) - (totB[i] - tailB[i]));
            }
            resid[out + i] += w[k] * v;
          }
        }
        cumH += h[g];
        for (int i = 0; i < p; i++) {
          cumB[i] += hb[g * p + i];
        }
        if (hUpTo != null) {
          hUpTo[g] = cumH;
          System.arraycopy(cumB, 0, bUpTo, g * p, p);
        }
      }
    }
    return resid;
  }

  /**
   * The first group in [from, to) (groups in time-descending order within a stratum) whose time is
   * at or before t, or -1 if none is.
   */
  private int lastGroupAtOrBefore(double t, int from, int to) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (d.time[d.groupStart[mid]] <= t) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo < to ? lo : -1;
  }
}
