package org.odtrial.analysis.estimate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.survival.CellSeparation;
import org.odtrial.analysis.survival.CoxFit;
import org.odtrial.analysis.survival.CoxModel;
import org.odtrial.analysis.survival.Ties;

/**
 * A row holding the hazard ratio OD vs TAU of a cluster-robust Cox model, {@code coxph(Surv(time,
 * event) ~ arm + covariates, ties = "efron", cluster = cluster_id)}, for any event (relapse;
 * relapse or death) on any set of participants (all; a subgroup). Time is {@code relapse_days}: the
 * time to relapse, or to the end of follow-up (death included).
 */
final class HazardRatioRow {
  static final String COX_METHOD = "Cox PH, Efron ties, cluster-robust (Lin-Wei) variance";

  /** What counts as an event, and its plural in notes ("relapses"). */
  record Outcome(String plural, Predicate<Participant> event) {}

  static final Outcome RELAPSE = new Outcome("relapses", Participant::relapse);

  private HazardRatioRow() {}

  static Estimate of(RowId id, List<Participant> all, List<String> covariates, Outcome outcome) {
    Design d = Design.of(all, covariates);
    List<Participant> ps = d.participants();
    // One pass for the events (in all and by arm) and the clusters, not a stream for each count.
    boolean[] event = events(ps, outcome.event());
    int[] clusters = clusterCodes(ps);
    long events = 0;
    boolean odEvents = false;
    boolean tauEvents = false;
    for (int i = 0; i < event.length; i++) {
      if (event[i]) {
        events++;
        String arm = ps.get(i).arm();
        odEvents |= arm.equals(Arms.OD);
        tauEvents |= arm.equals(Arms.TAU);
      }
    }
    int clusterCount = 0;
    for (int c : clusters) {
      clusterCount = Math.max(clusterCount, c + 1);
    }
    Estimate e =
        Estimate.of(id, "hazard_ratio")
            .withContrast(Arms.CONTRAST)
            .withN(ps.size())
            .withEvents(events)
            .withClusters(clusterCount)
            .withMethod(
                COX_METHOD
                    + (covariates.isEmpty()
                        ? ""
                        : "; adjusted for " + String.join(", ", covariates)));
    for (String note : d.notes()) {
      e = e.withNote(note);
    }
    if (!Arms.bothArmsPresent(ps)) {
      return e.notEstimable("both arms are needed for a hazard ratio");
    }
    if (events == 0) {
      return e.notEstimable("no " + outcome.plural() + ": a hazard ratio cannot be estimated");
    }
    for (String arm : Arms.BOTH) {
      if (!(arm.equals(Arms.OD) ? odEvents : tauEvents)) {
        return e.notEstimable(
            "no "
                + outcome.plural()
                + " in the "
                + arm
                + " arm (monotone likelihood): the hazard ratio is "
                + (arm.equals(Arms.OD) ? "zero" : "infinite")
                + " and cannot be estimated");
      }
    }
    double[] time = times(ps);
    boolean exact = covariates.isEmpty();
    if (exact && !armSeparation(ps, time, event).finite()) {
      return e.notEstimable(
          "the "
              + outcome.plural()
              + " of one arm all happen while nobody of the other arm is followed (monotone"
              + " likelihood): the hazard ratio is not finite");
    }
    CoxFit fit;
    try {
      fit =
          CoxModel.of(time, event, d.x())
              .withTies(Ties.EFRON)
              .withNames(d.names())
              .withClusters(clusters)
              .withConfLevel(KaplanMeierByArm.CONF_LEVEL)
              .fit();
    } catch (ArithmeticException | IllegalArgumentException ex) {
      return e.notEstimable("the model could not be fitted: " + ex.getMessage());
    }
    int k = fit.indexOf(Arms.ARM_TERM);
    for (String note : fit.notes()) {
      e = e.withNote(note);
    }
    if (fit.aliased()[k]) {
      return e.notEstimable(
          "the arm effect is aliased with the covariates and cannot be estimated");
    }
    // Without covariates the data have decided finiteness above; R's flag can then only be a
    // false alarm, kept as the note.
    if (!exact && fit.possiblyInfinite()[k]) {
      return e.notEstimable(
          "the likelihood is monotone in the arm effect: the hazard ratio may be infinite");
    }
    if (!fit.converged()) {
      e = e.withNote("Newton-Raphson did not converge in the iteration limit");
    }
    return e.withEstimate(fit.hazardRatio()[k])
        .withSe(fit.se()[k])
        .withCi(fit.hrLower()[k], fit.hrUpper()[k])
        .withPValue(fit.pValue()[k])
        .withExtra("model_se", Math.sqrt(fit.var()[k][k]));
  }

  /** The arm cells (OD 0, TAU 1) of a two-arm Cox model, for the exact finiteness check. */
  static CellSeparation armSeparation(List<Participant> ps, double[] time, boolean[] event) {
    int[] cell = ps.stream().mapToInt(p -> p.isOd() ? 0 : 1).toArray();
    return CellSeparation.of(time, event, cell, 2);
  }

  static double[] times(List<Participant> ps) {
    return ps.stream().mapToDouble(Participant::relapseDays).toArray();
  }

  static boolean[] events(List<Participant> ps, Predicate<Participant> event) {
    boolean[] e = new boolean[ps.size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = event.test(ps.get(i));
    }
    return e;
  }

  static int[] clusterCodes(List<Participant> ps) {
    Map<String, Integer> codes = new HashMap<>();
    int[] out = new int[ps.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = codes.computeIfAbsent(ps.get(i).clusterId(), k -> codes.size());
    }
    return out;
  }
}
