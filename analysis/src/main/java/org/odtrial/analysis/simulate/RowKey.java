package org.odtrial.analysis.simulate;

import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;

/**
 * Which results row: its id, and for per-arm and time-point rows the arm and the time. Rows of
 * different reps with the same key are the same quantity.
 *
 * @param id the row id
 * @param arm {@code OD}, {@code TAU}, {@code difference}, or null
 * @param timeDays the time point, or null
 */
public record RowKey(RowId id, String arm, Integer timeDays) {

  public static RowKey of(Estimate e) {
    return new RowKey(e.id(), e.arm(), e.timeDays());
  }

  /** Whether the row describes one arm (not a comparison of the arms). */
  public boolean perArm() {
    return "OD".equals(arm) || "TAU".equals(arm);
  }

  /** "relapse.km OD 365d", "relapse.cox". */
  public String label() {
    StringBuilder b = new StringBuilder(id.value());
    if (arm != null) {
      b.append(' ').append(arm);
    }
    if (timeDays != null) {
      b.append(' ').append(timeDays).append('d');
    }
    return b.toString();
  }
}
