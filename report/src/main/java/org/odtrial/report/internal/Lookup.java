package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;
import org.odtrial.report.Blinding;

/**
 * Finds results rows by id, arm and time, and shows contrasts in the report's direction. Rows are
 * found by {@link RowId} only: constants and factories, never spelled here.
 */
public final class Lookup {
  /** The arm value of a per-arm row's contrast row. */
  static final String DIFFERENCE = "difference";

  private final Results results;
  private final Blinding blinding;

  public Lookup(Results results, Blinding blinding) {
    this.results = results;
    this.blinding = blinding;
  }

  /** The row of this id that belongs to no arm. */
  public Optional<Estimate> one(RowId id) {
    return results.estimates().stream()
        .filter(e -> e.id().equals(id) && e.arm() == null)
        .findFirst();
  }

  /**
   * The row of this id that compares the arms: the one without an arm, or a per-arm row's
   * difference row (relapse.rmst.robust's {@code "arm": "difference"}).
   */
  public Optional<Estimate> contrast(RowId id) {
    return one(id)
        .or(
            () ->
                results.estimates().stream()
                    .filter(e -> e.id().equals(id) && DIFFERENCE.equals(e.arm()))
                    .findFirst());
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

  /** Whether any row has this id. */
  public boolean has(RowId id) {
    return results.estimates().stream().anyMatch(e -> e.id().equals(id));
  }

  /** {@code robust} when the results have it (version 2), else {@code plain}. */
  public RowId preferred(RowId robust, RowId plain) {
    return has(robust) ? robust : plain;
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

  /** Subgroup variables with an interaction or subgroup row, in results order. */
  public List<String> subgroupVariables() {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (Estimate e : results.estimates()) {
      e.id().interactionVariable().ifPresent(out::add);
      e.id().subgroupRow().ifPresent(s -> out.add(s.variable()));
    }
    return new ArrayList<>(out);
  }

  /**
   * The levels of a subgroup variable that have a row: in the order of the interaction row's {@code
   * levels} when it lists them, then any others in results order.
   */
  public List<String> subgroupLevels(String variable) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    one(RowId.coxInteraction(variable))
        .map(e -> e.extras().get("levels"))
        .filter(List.class::isInstance)
        .ifPresent(l -> ((List<?>) l).forEach(x -> out.add(String.valueOf(x))));
    List<String> withRow = new ArrayList<>();
    for (Estimate e : results.estimates()) {
      e.id()
          .subgroupRow()
          .filter(s -> s.variable().equals(variable))
          .ifPresent(s -> withRow.add(s.level()));
    }
    out.retainAll(withRow);
    out.addAll(withRow);
    return new ArrayList<>(out);
  }

  /**
   * An OD-vs-TAU contrast as shown: reversed (1/ratio or -difference, limits swapped) when the
   * blinding asks.
   */
  public Effect effect(Estimate e) {
    Estimate b = blinding.apply(e);
    return new Effect(b.estimate(), b.ciLow(), b.ciHigh(), b.se(), b.pValue(), b.df());
  }

  /** A contrast ready to print; a null estimate means "not estimable". */
  public record Effect(Double estimate, Double low, Double high, Double se, Double p, Double df) {
    public boolean estimable() {
      return estimate != null;
    }
  }
}
