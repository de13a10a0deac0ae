package org.odtrial.report.internal;

import org.odtrial.analysis.results.Estimate;
import org.odtrial.report.internal.Lookup.Effect;

/** Cells of the kinds the tables show, each with its text and the values behind it. */
public final class Cells {
  /** The text of an estimate that could not be computed; the reason goes into a footnote. */
  public static final String NOT_ESTIMABLE = "not estimable";

  private Cells() {}

  public static Cell count(long n) {
    return Cell.of(Fmt.count(n), "n", n);
  }

  public static Cell countPct(long n, long of) {
    return Cell.of(Fmt.countPct(n, of), "n", n).with("percent", of == 0 ? null : 100.0 * n / of);
  }

  public static Cell number(Double x, int decimals, String name) {
    return Cell.of(Fmt.num(x, decimals), name, finite(x));
  }

  public static Cell meanSd(double[] x, int decimals) {
    if (x.length == 0) {
      return Cell.of(Fmt.NA);
    }
    double mean = Describe.mean(x);
    double sd = Describe.sd(x);
    return Cell.of(Fmt.meanSd(mean, sd, decimals), "mean", mean).with("sd", finite(sd));
  }

  public static Cell medianIqr(double[] x, int decimals) {
    if (x.length == 0) {
      return Cell.of(Fmt.NA);
    }
    double[] q = Describe.quantiles(x, 0.5, 0.25, 0.75);
    double med = q[0];
    double q1 = q[1];
    double q3 = q[2];
    return Cell.of(Fmt.medianIqr(med, q1, q3, decimals), "median", med)
        .with("q1", q1)
        .with("q3", q3);
  }

  /** A contrast: "est (low to high)" or "est (SE se)"; "not estimable" when it has no estimate. */
  public static Cell effect(Effect e, int decimals) {
    if (!e.estimable()) {
      return Cell.of(NOT_ESTIMABLE);
    }
    Cell c = Cell.of(Fmt.withCi(e.estimate(), e.low(), e.high(), e.se(), decimals));
    c = c.with("estimate", e.estimate());
    if (e.low() != null && e.high() != null) {
      return c.with("ci_low", e.low()).with("ci_high", e.high());
    }
    return c.with("se", e.se());
  }

  /** A p-value cell (empty for a row without one). */
  public static Cell p(Double p) {
    return Cell.of(Fmt.p(p), "p_value", p);
  }

  /** A chi-square test: "χ² 1.98, 1 df"; "not estimable" without a statistic. */
  public static Cell chisq(Estimate e) {
    if (e.estimate() == null) {
      return Cell.of(NOT_ESTIMABLE);
    }
    return Cell.of(Fmt.chisq(e.estimate(), e.df()), "statistic", e.estimate()).with("df", e.df());
  }

  /**
   * A tipping point: the shift of the imputed intervention-arm scores, in score points, at which
   * the conclusion changes ("-4.0 score points"); blinded results give its size only.
   */
  public static Cell tippingPoint(Double shift) {
    if (shift == null) {
      return Cell.of(NOT_ESTIMABLE);
    }
    return Cell.of(Fmt.num(shift, 1) + " score points", "estimate", shift);
  }

  /**
   * A randomisation test's effect cell: how many allocations it went over and whether exactly
   * ("exact, 6 allocations", "Monte Carlo, 10,000 allocations"); its p-value is a cell of its own.
   */
  public static Cell randomisation(Estimate e) {
    Object n = e.extras().get("allocations");
    boolean exact = Boolean.TRUE.equals(e.extras().get("exact"));
    String text =
        e.pValue() == null
            ? NOT_ESTIMABLE
            : (exact ? "exact" : "Monte Carlo")
                + (n instanceof Number k
                    ? ", "
                        + Fmt.count(k.longValue())
                        + (k.longValue() == 1 ? " allocation" : " allocations")
                    : "");
    return Cell.of(text, "allocations", n).with("exact", e.extras().get("exact"));
  }

  /**
   * A per-arm estimate (survival, cumulative incidence, restricted mean) on the shown scale: {@code
   * scale} 100 shows a proportion as a percentage.
   */
  public static Cell armEstimate(Estimate e, double scale, int decimals) {
    if (e.estimate() == null) {
      return Cell.of(NOT_ESTIMABLE);
    }
    Double est = times(e.estimate(), scale);
    Double lo = times(e.ciLow(), scale);
    Double hi = times(e.ciHigh(), scale);
    Double se = times(e.se(), scale);
    Cell c = Cell.of(Fmt.withCi(est, lo, hi, se, decimals), "estimate", est);
    return lo != null && hi != null ? c.with("ci_low", lo).with("ci_high", hi) : c.with("se", se);
  }

  private static Double times(Double x, double scale) {
    return x == null ? null : x * scale;
  }

  private static Double finite(Double x) {
    return x == null || !Double.isFinite(x) ? null : x;
  }
}
