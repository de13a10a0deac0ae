package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.odtrial.report.Blinding;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

/** Finds results rows by id, arm and time, and shows contrasts in the report's direction. */
public final class Lookup {
  private final Results results;
  private final Blinding blinding;

  public Lookup(Results results, Blinding blinding) {
    this.results = results;
    this.blinding = blinding;
  }

  public Optional<Estimate> one(RowId id) {
    return results.estimates().stream()
        .filter(e -> e.id().equals(id) && e.arm() == null)
        .findFirst();
  }

  public Optional<Estimate> arm(RowId id, String arm, Integer timeDays) {
    return results.estimates().stream()
        .filter(
            e -> e.id().equals(id) && arm.equals(e.arm()) && Objects.equals(timeDays, e.timeDays()))
        .findFirst();
  }

  public Optional<Estimate> armAnyTime(RowId id, String arm) {
    return results.estimates().stream()
        .filter(e -> e.id().equals(id) && arm.equals(e.arm()))
        .findFirst();
  }

  /** Time points of the rows with this id, ascending. */
  public List<Integer> times(RowId id) {
    TreeSet<Integer> t = new TreeSet<>();
    results.estimates().stream()
        .filter(e -> e.id().equals(id) && e.timeDays() != null)
        .forEach(e -> t.add(e.timeDays()));
    return new ArrayList<>(t);
  }

  /** Instruments and analysed months named by the recovery rows, in results order. */
  public Map<String, List<Integer>> recovery() {
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    for (Estimate e : results.estimates()) {
      e.id()
          .recoveryRow()
          .filter(r -> r.analysis() == RecoveryAnalysis.ANCOVA)
          .ifPresent(
              r -> out.computeIfAbsent(r.instrument(), k -> new ArrayList<>()).add(r.month()));
    }
    return out;
  }

  /**
   * An OD-vs-TAU contrast as shown: reversed (1/ratio or -difference, limits swapped) when the
   * blinding asks.
   */
  public Effect effect(Estimate e) {
    Estimate b = blinding.apply(e);
    return new Effect(b.estimate(), b.ciLow(), b.ciHigh(), b.se(), b.pValue(), b.note());
  }

  /** A contrast ready to print; estimate null means "not estimable" and {@code note} says why. */
  public record Effect(Double estimate, Double low, Double high, Double se, Double p, String note) {
    public String text(int decimals) {
      if (estimate == null) {
        return "not estimable: " + (note == null ? "no reason given" : note);
      }
      return Fmt.withCi(estimate, low, high, se, decimals);
    }

    public String pText() {
      return estimate == null ? "" : Fmt.p(p);
    }
  }
}
