package org.odtrial.analysis.estimate;

import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.data.Participant;

/**
 * The two arms and the design columns every model shares: TAU is the reference level, so the arm
 * term is OD.
 */
final class Arms {
  static final String OD = "OD";
  static final String TAU = "TAU";
  static final List<String> BOTH = List.of(OD, TAU);
  static final String CONTRAST = "OD vs TAU";
  static final String ARM_TERM = "armOD";
  static final String INTERCEPT = "(Intercept)";

  private Arms() {}

  static double indicator(Participant p) {
    return p.isOd() ? 1.0 : 0.0;
  }

  static String[] clusters(List<Participant> ps) {
    return ps.stream().map(Participant::clusterId).toArray(String[]::new);
  }

  static int clusterCount(List<Participant> ps) {
    return (int) ps.stream().map(Participant::clusterId).distinct().count();
  }

  static boolean bothArmsPresent(List<Participant> ps) {
    return ps.stream().anyMatch(Participant::isOd) && ps.stream().anyMatch(p -> !p.isOd());
  }

  /** Why a complete-case analysis of a score at a month cannot compare the arms. */
  static String completeCasesInOneArm(String instrument, int month, int completeCases) {
    return String.format(
        Locale.ROOT,
        "complete cases (a %s score at month %d and at baseline) are needed in both arms;"
            + " there are %d",
        instrument,
        month,
        completeCases);
  }
}
