package org.odtrial.analysis.descriptive;

import java.util.List;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Meeting;

/**
 * Treatment received: a participant is a complier (received Open Dialogue) with at least {@value
 * #MIN_MEETINGS} network meetings that each had at least {@value #MIN_PRACTITIONERS} practitioners,
 * dated within [baseline - 30, end] (the meetings of {@link AnalysisData#meetings()}), in either
 * arm. The one place the definition lives, for the {@code recovery.I.mM.cace} rows.
 */
public final class Compliance {
  public static final int MIN_MEETINGS = 2;
  public static final int MIN_PRACTITIONERS = Fidelity.MIN_PRACTITIONERS;

  private Compliance() {}

  /** One flag per participant of {@code data}, in its order. */
  public static boolean[] compliers(AnalysisData data) {
    int[] count = new int[data.participants().size()];
    List<Meeting> meetings = data.meetings();
    for (Meeting m : meetings) {
      if (m.practitioners() >= MIN_PRACTITIONERS) {
        count[m.participantIndex()]++;
      }
    }
    boolean[] out = new boolean[count.length];
    for (int i = 0; i < count.length; i++) {
      out[i] = count[i] >= MIN_MEETINGS;
    }
    return out;
  }
}
