package org.odtrial.analysis.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of results.json. Fields that do not apply are null and left out of the file; an estimate
 * that could not be computed has a null {@code estimate} and a {@code note} saying why. {@code
 * extras} holds row-specific figures (theta, variance components, quartiles...) in the order they
 * were added.
 */
public record Estimate(
    RowId id,
    String estimand,
    String contrast,
    String arm,
    Integer timeDays,
    Double estimate,
    Double se,
    Double ciLow,
    Double ciHigh,
    Double pValue,
    Double df,
    Long n,
    Long events,
    Integer clusters,
    String method,
    String note,
    Map<String, Object> extras) {

  public Estimate {
    extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
  }

  public static Estimate of(RowId id, String estimand) {
    return new Estimate(
        id, estimand, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, Map.of());
  }

  public Estimate withContrast(String v) {
    return copy(c -> c.contrast = v);
  }

  public Estimate withArm(String v) {
    return copy(c -> c.arm = v);
  }

  public Estimate withTimeDays(Integer v) {
    return copy(c -> c.timeDays = v);
  }

  public Estimate withEstimate(Double v) {
    return copy(c -> c.estimate = finite(v));
  }

  public Estimate withSe(Double v) {
    return copy(c -> c.se = finite(v));
  }

  public Estimate withCi(Double low, Double high) {
    return copy(
        c -> {
          c.ciLow = finite(low);
          c.ciHigh = finite(high);
        });
  }

  public Estimate withPValue(Double v) {
    return copy(c -> c.pValue = finite(v));
  }

  /** Degrees of freedom: whole for chi-square tests, real for Satterthwaite and Kenward-Roger. */
  public Estimate withDf(Double v) {
    return copy(c -> c.df = finite(v));
  }

  public Estimate withN(long v) {
    return copy(c -> c.n = v);
  }

  public Estimate withEvents(long v) {
    return copy(c -> c.events = v);
  }

  public Estimate withClusters(int v) {
    return copy(c -> c.clusters = v);
  }

  public Estimate withMethod(String v) {
    return copy(c -> c.method = v);
  }

  /** Adds a note; several notes are joined with "; ". */
  public Estimate withNote(String v) {
    return copy(c -> c.note = note == null ? v : note + "; " + v);
  }

  /**
   * Adds a row-specific figure: a Double (non-finite becomes null), Long, Integer, Boolean, String,
   * or a list of those (written as a JSON array).
   */
  public Estimate withExtra(String key, Object value) {
    Object v;
    if (value instanceof Double d) {
      v = finite(d);
    } else if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object x : list) {
        copy.add(x instanceof Double d ? finite(d) : x);
      }
      v = Collections.unmodifiableList(copy);
    } else {
      v = value;
    }
    return copy(c -> c.extras.put(key, v));
  }

  /** An estimate that could not be computed: every number cleared, the reason noted. */
  public Estimate notEstimable(String reason) {
    return copy(c -> {
          c.estimate = null;
          c.se = null;
          c.ciLow = null;
          c.ciHigh = null;
          c.pValue = null;
          c.note = null;
        })
        .withNote(reason);
  }

  /**
   * The fields of an estimate, changed by a wither and frozen again: one place that lists them all.
   */
  private static final class Fields {
    String contrast;
    String arm;
    Integer timeDays;
    Double estimate;
    Double se;
    Double ciLow;
    Double ciHigh;
    Double pValue;
    Double df;
    Long n;
    Long events;
    Integer clusters;
    String method;
    String note;
    Map<String, Object> extras;
  }

  private Estimate copy(java.util.function.Consumer<Fields> change) {
    Fields f = new Fields();
    f.contrast = contrast;
    f.arm = arm;
    f.timeDays = timeDays;
    f.estimate = estimate;
    f.se = se;
    f.ciLow = ciLow;
    f.ciHigh = ciHigh;
    f.pValue = pValue;
    f.df = df;
    f.n = n;
    f.events = events;
    f.clusters = clusters;
    f.method = method;
    f.note = note;
    f.extras = new LinkedHashMap<>(extras);
    change.accept(f);
    return new Estimate(
        id,
        estimand,
        f.contrast,
        f.arm,
        f.timeDays,
        f.estimate,
        f.se,
        f.ciLow,
        f.ciHigh,
        f.pValue,
        f.df,
        f.n,
        f.events,
        f.clusters,
        f.method,
        f.note,
        f.extras);
  }

  private static Double finite(Double v) {
    return v == null || v.isNaN() || v.isInfinite() ? null : v;
  }
}
