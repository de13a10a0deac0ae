package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.odtrial.analysis.competing.CumulativeIncidenceFit;
import org.odtrial.analysis.competing.FineGray;
import org.odtrial.analysis.competing.FineGrayFit;
import org.odtrial.analysis.competing.GrayTest;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.survival.CoxFit;

/**
 * Death before relapse as an intercurrent event (ICH E9(R1)), beyond the version-1 rows that censor
 * at death (hypothetical strategy): the composite strategy ({@code relapse_or_death.cox}) and the
 * competing-risks strategy ({@code relapse.cif}, {@code relapse.gray}, {@code relapse.finegray}).
 */
final class IntercurrentEventRows {
  static final HazardRatioRow.Outcome RELAPSE_OR_DEATH =
      new HazardRatioRow.Outcome("relapses or deaths", p -> p.relapse() || p.died());

  private IntercurrentEventRows() {}

  static List<Estimate> of(AnalysisData data, AnalysisPlan plan, List<String> warnings) {
    List<Participant> ps = data.participants();
    List<Estimate> rows = new ArrayList<>();
    rows.add(
        HazardRatioRow.of(RowId.RELAPSE_OR_DEATH_COX, ps, List.of(), RELAPSE_OR_DEATH)
            .withExtra("deaths", deathsFirst(ps))
            .withMethod(
                HazardRatioRow.COX_METHOD
                    + "; composite event: relapse or death, whichever is first"));
    rows.addAll(cumulativeIncidence(data, plan, warnings));
    rows.add(gray(ps));
    rows.add(fineGray(ps));
    return rows;
  }

  private static List<Estimate> cumulativeIncidence(
      AnalysisData data, AnalysisPlan plan, List<String> warnings) {
    List<Estimate> rows = new ArrayList<>();
    for (Map.Entry<String, CumulativeIncidenceFit> e :
        CumulativeIncidenceByArm.of(data).entrySet()) {
      CumulativeIncidenceFit f = e.getValue();
      for (int t : plan.kmTimesDays()) {
        Optional<CumulativeIncidenceFit.Point> at = f.at(t);
        if (at.isEmpty()) {
          warnings.add(
              String.format(
                  Locale.ROOT,
                  "relapse.cif: %d days is beyond the last follow-up of the %s arm; no row",
                  t,
                  e.getKey()));
          continue;
        }
        Estimate row =
            Estimate.of(RowId.RELAPSE_CIF, "cumulative_incidence")
                .withArm(e.getKey())
                .withTimeDays(t)
                .withEstimate(at.get().estimate())
                .withSe(at.get().se())
                .withN(f.n())
                .withEvents(f.events())
                .withExtra("competing_events", (long) f.competingEvents())
                .withMethod(
                    "cumulative incidence of relapse with death as a competing risk"
                        + " (Aalen-Johansen), variance as cmprsk::cuminc");
        if (f.events() == 0) {
          row =
              row.withNote(
                  "no relapses in this arm: the cumulative incidence is 0 (cuminc draws no curve"
                      + " for a cause that never occurs)");
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static Estimate gray(List<Participant> ps) {
    int[] status = CumulativeIncidenceByArm.status(ps);
    Estimate e =
        Estimate.of(RowId.RELAPSE_GRAY, "chisq")
            .withContrast(Arms.CONTRAST)
            .withN(ps.size())
            .withEvents(ps.stream().filter(Participant::relapse).count())
            .withExtra("competing_events", deathsFirst(ps))
            .withMethod("Gray's test of equal cumulative incidence of relapse (rho = 0)");
    if (!Arms.bothArmsPresent(ps)) {
      return e.notEstimable("both arms are needed for Gray's test");
    }
    if (ps.stream().noneMatch(Participant::relapse)) {
      return e.withDf(1.0)
          .notEstimable("no relapses: there is nothing to compare (cuminc gives no test)");
    }
    GrayTest.Result r =
        GrayTest.of(
                CumulativeIncidenceByArm.times(ps),
                status,
                ps.stream().mapToInt(p -> p.isOd() ? 0 : 1).toArray())
            .test();
    e = e.withDf((double) r.df());
    if (Double.isNaN(r.statistic())) {
      return e.notEstimable(
          "the variance of Gray's score is singular (cuminc reports a statistic of -1)");
    }
    return e.withEstimate(r.statistic()).withPValue(r.pValue());
  }

  private static Estimate fineGray(List<Participant> ps) {
    Estimate e =
        Estimate.of(RowId.RELAPSE_FINEGRAY, "subdistribution_hazard_ratio")
            .withContrast(Arms.CONTRAST)
            .withN(ps.size())
            .withEvents(ps.stream().filter(Participant::relapse).count())
            .withClusters(Arms.clusterCount(ps))
            .withExtra("competing_events", deathsFirst(ps))
            .withMethod(
                "Fine-Gray subdistribution hazards (survival::finegray weights), Efron ties,"
                    + " cluster-robust (Lin-Wei) variance");
    if (!Arms.bothArmsPresent(ps)) {
      return e.notEstimable("both arms are needed for a subdistribution hazard ratio");
    }
    for (String arm : Arms.BOTH) {
      if (ps.stream().noneMatch(p -> p.relapse() && p.arm().equals(arm))) {
        return e.notEstimable(
            ps.stream().noneMatch(Participant::relapse)
                ? "no relapses: there is no subdistribution hazard to model (finegray returns no"
                    + " rows)"
                : "no relapses in the "
                    + arm
                    + " arm (monotone likelihood): the subdistribution hazard ratio is "
                    + (arm.equals(Arms.OD) ? "zero" : "infinite")
                    + " and cannot be estimated");
      }
    }
    double[] time = CumulativeIncidenceByArm.times(ps);
    boolean[] relapse = HazardRatioRow.events(ps, Participant::relapse);
    if (!HazardRatioRow.armSeparation(ps, fineGrayRiskTimes(ps, time), relapse).finite()) {
      return e.notEstimable(
          "the relapses of one arm all happen while nobody of the other arm is in the risk set"
              + " (monotone likelihood): the subdistribution hazard ratio is not finite");
    }
    FineGrayFit fit =
        FineGray.of(
                time,
                CumulativeIncidenceByArm.status(ps),
                ps.stream().map(p -> new double[] {Arms.indicator(p)}).toArray(double[][]::new))
            .forCause(CumulativeIncidenceByArm.RELAPSE)
            .withClusters(HazardRatioRow.clusterCodes(ps))
            .withNames(List.of(Arms.ARM_TERM))
            .withConfLevel(KaplanMeierByArm.CONF_LEVEL)
            .fit();
    CoxFit cox = fit.cox();
    for (String note : cox.notes()) {
      e = e.withNote(note);
    }
    // Finiteness was decided from the data above; R's flag can only be a false alarm here.
    if (!cox.converged()) {
      e = e.withNote("Newton-Raphson did not converge in the iteration limit");
    }
    return e.withEstimate(cox.hazardRatio()[0])
        .withSe(cox.se()[0])
        .withCi(cox.hrLower()[0], cox.hrUpper()[0])
        .withPValue(cox.pValue()[0])
        .withExtra("model_se", Math.sqrt(cox.var()[0][0]));
  }

  /**
   * How long each participant stays in the Fine-Gray risk sets: to their own time, or, after a
   * death before relapse, on to the end of all follow-up (with weight G(t-) / G(T-), positive at
   * every relapse time).
   */
  private static double[] fineGrayRiskTimes(List<Participant> ps, double[] time) {
    double last = 0;
    for (double t : time) {
      last = Math.max(last, t);
    }
    double[] out = time.clone();
    for (int i = 0; i < out.length; i++) {
      if (CumulativeIncidenceByArm.status(ps.get(i)) == CumulativeIncidenceByArm.DEATH) {
        out[i] = last;
      }
    }
    return out;
  }

  /** Deaths before relapse within the horizon: the competing events, the composite's deaths. */
  private static long deathsFirst(List<Participant> ps) {
    return ps.stream().filter(p -> !p.relapse() && p.died()).count();
  }
}
