package org.odtrial.analysis.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of results.json. Fields that do not apply are null and left out of the file; an estimate
 * that could not be computed has a null {@code estimate} and a {@code note} saying why. {@code
 * extras} holds row-specific figures (theta, variance components, quartiles...) in the order they
 * were added.
 */
public record Estimate(
    String id,
    String estimand,
    String contrast,
    String arm,
    Integer timeDays,
    Double estimate,
    Double se,
    Double ciLow,
    Double ciHigh,
    Double pValue,
    Integer df,
    Long n,
    Long events,
    Integer clusters,
    String method,
    String note,
    Map<String, Object> extras) {

  public Estimate {
    extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
  }

  public static Estimate of(String id, String estimand) {
    return new Estimate(
        id, estimand, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, Map.of());
  }

  public Estimate withContrast(String v) {
    return new Estimate(
        id, estimand, v, arm, timeDays, estimate, se, ciLow, ciHigh, pValue, df, n, events,
        clusters, method, note, extras);
  }

  public Estimate withArm(String v) {
    return new Estimate(
        id, estimand, contrast, v, timeDays, estimate, se, ciLow, ciHigh, pValue, df, n, events,
        clusters, method, note, extras);
  }

  public Estimate withTimeDays(Integer v) {
    return new Estimate(
        id, estimand, contrast, arm, v, estimate, se, ciLow, ciHigh, pValue, df, n, events,
        clusters, method, note, extras);
  }

  public Estimate withEstimate(Double v) {
    return new Estimate(
        id, estimand, contrast, arm, timeDays, finite(v), se, ciLow, ciHigh, pValue, df, n, events,
        clusters, method, note, extras);
  }

  public Estimate withSe(Double v) {
    return new Estimate(
        id, estimand, contrast, arm, timeDays, estimate, finite(v), ciLow, ciHigh, pValue, df, n,
        events, clusters, method, note, extras);
  }

  public Estimate withCi(Double low, Double high) {
    return new Estimate(
        id,
        estimand,
        contrast,
        arm,
        timeDays,
        estimate,
        se,
        finite(low),
        finite(high),
        pValue,
        df,
        n,
        events,
        clusters,
        method,
        note,
        extras);
  }

  public Estimate withPValue(Double v) {
    return new Estimate(
        id, estimand, contrast, arm, timeDays, estimate, se, ciLow, ciHigh, finite(v), df, n,
        events, clusters, method, note, extras);
  }

  public Estimate withDf(Integer v) {
    return new Estimate(
        id, estimand, contrast, arm, timeDays, estimate, se, ciLow, ciHigh, pValue, v, n, events,
        clusters, method, note, extras);
  }

  public Estimate withN(long v) {
    return new Estimate(
        id, estimand, contrast, arm, timeDays, estimate, se, ciLow, ciHigh, pValue, df, v, events,
        clusters, method, note, extras);
  }

  public Estimate withEvents(long v) {
    return new Estimate(
        id, estimand, contrast, arm, timeDays, estimate, se, ciLow, ciHigh, pValue, df, n, v,
        clusters, method, note, extras);
  }

  public Estimate withClusters(int v) {
    return new Estimate(
        id, estimand, contrast, arm, timeDays, estimate, se, ciLow, ciHigh, pValue, df, n, events,
        v, method, note, extras);
  }

  public Estimate withMethod(String v) {
    return new Estimate(
        id, estimand, contrast, arm, timeDays, estimate, se, ciLow, ciHigh, pValue, df, n, events,
        clusters, v, note, extras);
  }

  /** Adds a note; several notes are joined with "; ". */
  public Estimate withNote(String v) {
    String joined = note == null ? v : note + "; " + v;
    return new Estimate(
        id, estimand, contrast, arm, timeDays, estimate, se, ciLow, ciHigh, pValue, df, n, events,
        clusters, method, joined, extras);
  }

  /**
   * Adds a row-specific figure: a Double (non-finite becomes null), Long, Integer, Boolean or
   * String.
   */
  public Estimate withExtra(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(extras);
    m.put(key, value instanceof Double d ? finite(d) : value);
    return new Estimate(
        id, estimand, contrast, arm, timeDays, estimate, se, ciLow, ciHigh, pValue, df, n, events,
        clusters, method, note, m);
  }

  /** An estimate that could not be computed: every number cleared, the reason noted. */
  public Estimate notEstimable(String reason) {
    return new Estimate(
            id, estimand, contrast, arm, timeDays, null, null, null, null, null, df, n, events,
            clusters, method, null, extras)
        .withNote(reason);
  }

  private static Double finite(Double v) {
    return v == null || v.isNaN() || v.isInfinite() ? null : v;
  }
}
