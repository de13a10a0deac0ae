package org.odtrial.analysis.simulate.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.odtrial.analysis.simulate.Reason;
import org.odtrial.analysis.simulate.RowKey;
import org.odtrial.analysis.simulate.RowSummary;

/**
 * The running summaries of every row seen so far, fed whole reps in rep order, so the result does
 * not depend on which thread finished first. Rows keep the order of the results: a row first seen
 * in a later rep (a subgroup level that earlier trials lacked) is placed after the row it follows
 * in that rep.
 */
public final class Tallies {
  private final double effectScale;
  private final List<RowKey> order = new ArrayList<>();
  private final Map<RowKey, RowTally> tallies = new HashMap<>();
  private final ReasonCount warnings = new ReasonCount();
  private int reps;

  public Tallies(double effectScale) {
    this.effectScale = effectScale;
  }

  /** Adds rep {@code rep}, which must be the next one (0, 1, 2, ...). */
  public void add(int rep, List<RepRow> rows, List<String> repWarnings) {
    if (rep != reps) {
      throw new IllegalStateException("rep " + rep + " added when rep " + reps + " was due");
    }
    Set<RowKey> seen = new HashSet<>();
    int after = -1;
    for (RepRow r : rows) {
      RowTally t = tallies.get(r.key());
      if (t == null) {
        t = new RowTally(r, effectScale);
        // absent from every earlier rep
        for (int k = 0; k < rep; k++) {
          t.absent(k);
        }
        tallies.put(r.key(), t);
        order.add(after + 1, r.key());
      }
      after = order.indexOf(r.key());
      if (!seen.add(r.key())) {
        throw new IllegalStateException("rep " + rep + " has two rows " + r.key().label());
      }
      t.add(r, rep);
    }
    for (RowKey k : order) {
      if (!seen.contains(k)) {
        tallies.get(k).absent(rep);
      }
    }
    Set<String> masked = new HashSet<>();
    for (String w : repWarnings) {
      String m = ReasonCount.mask(w);
      if (masked.add(m)) {
        warnings.add(m, rep);
      }
    }
    reps++;
  }

  public int reps() {
    return reps;
  }

  public List<RowSummary> summaries() {
    List<RowSummary> out = new ArrayList<>(order.size());
    for (RowKey k : order) {
      out.add(tallies.get(k).summary(reps));
    }
    return out;
  }

  public List<Reason> warnings() {
    return warnings.reasons();
  }
}
