package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.survival.KaplanMeierFit;
import org.odtrial.analysis.survival.LogRank;
import org.odtrial.analysis.survival.Rmst;

/**
 * The {@code relapse.*} rows: Kaplan-Meier, log-rank, Cox (unadjusted and adjusted) and RMST, as
 * R's survival.
 */
final class RelapseRows {
  static final double CONF_LEVEL = KaplanMeierByArm.CONF_LEVEL;

  private RelapseRows() {}

  static List<Estimate> of(AnalysisData data, AnalysisPlan plan, List<String> warnings) {
    List<Participant> ps = data.participants();
    List<Estimate> rows = new ArrayList<>();
    Map<String, KaplanMeierFit> km = KaplanMeierByArm.of(data, plan);
    for (String arm : Arms.BOTH) {
      if (!km.containsKey(arm)) {
        warnings.add("no participants in the " + arm + " arm: no Kaplan-Meier or RMST rows for it");
      }
    }
    for (Map.Entry<String, KaplanMeierFit> e : km.entrySet()) {
      for (int t : plan.kmTimesDays()) {
        Optional<KaplanMeierFit.SurvivalAt> at = e.getValue().at(t);
        if (at.isEmpty()) {
          warnings.add(
              String.format(
                  Locale.ROOT,
                  "relapse.km: %d days is beyond the last follow-up of the %s arm (%s days); no"
                      + " row",
                  t,
                  e.getKey(),
                  fmt(e.getValue().lastTime())));
          continue;
        }
        KaplanMeierFit.SurvivalAt s = at.get();
        rows.add(
            Estimate.of(RowId.RELAPSE_KM, "survival")
                .withArm(e.getKey())
                .withTimeDays(t)
                .withEstimate(s.surv())
                .withCi(s.lower(), s.upper())
                .withN(e.getValue().n())
                .withEvents(e.getValue().events())
                .withMethod(
                    "Kaplan-Meier, Greenwood variance (ignores clustering), "
                        + plan.kmConfType()
                        + " confidence interval")
                .withExtra("std_err", s.stdErr())
                .withExtra("n_risk", s.nRisk()));
      }
    }
    rows.add(logRank(ps));
    rows.add(HazardRatioRow.of(RowId.RELAPSE_COX, ps, List.of(), HazardRatioRow.RELAPSE));
    rows.add(
        HazardRatioRow.of(
            RowId.RELAPSE_COX_ADJUSTED, ps, plan.covariates(), HazardRatioRow.RELAPSE));
    rows.addAll(rmst(km, plan.horizonDays(), warnings));
    return rows;
  }

  private static Estimate logRank(List<Participant> ps) {
    Estimate e =
        Estimate.of(RowId.RELAPSE_LOGRANK, "chisq")
            .withContrast(Arms.CONTRAST)
            .withN(ps.size())
            .withEvents(ps.stream().filter(Participant::relapse).count())
            .withMethod("log-rank test (ignores clustering)");
    if (!Arms.bothArmsPresent(ps)) {
      return e.notEstimable("both arms are needed for a log-rank test");
    }
    int[] group = ps.stream().mapToInt(p -> p.isOd() ? 1 : 0).toArray();
    LogRank.Result r = LogRank.of(times(ps), events(ps), group).test();
    if (r.df() == 0) {
      return e.withDf(0.0).notEstimable("no relapses: there is nothing to compare");
    }
    return e.withEstimate(r.chisq()).withDf((double) r.df()).withPValue(r.pValue());
  }

  private static List<Estimate> rmst(
      Map<String, KaplanMeierFit> km, int tau, List<String> warnings) {
    List<Estimate> rows = new ArrayList<>();
    Map<String, Rmst.Result> byArm = new HashMap<>();
    for (Map.Entry<String, KaplanMeierFit> e : km.entrySet()) {
      Rmst.Result r = Rmst.of(e.getValue(), tau);
      byArm.put(e.getKey(), r);
      Estimate row =
          Estimate.of(RowId.RELAPSE_RMST, "rmst")
              .withArm(e.getKey())
              .withTimeDays(tau)
              .withEstimate(r.rmean())
              .withSe(r.se())
              .withN(e.getValue().n())
              .withMethod(
                  "restricted mean survival time, area under the Kaplan-Meier curve; survmean"
                      + " variance (ignores clustering)");
      for (String note : r.notes()) {
        row = row.withNote(note);
      }
      rows.add(row);
    }
    Estimate diff =
        Estimate.of(RowId.RELAPSE_RMST, "rmst_difference")
            .withArm("difference")
            .withContrast("OD - TAU")
            .withTimeDays(tau)
            .withMethod(
                "difference of RMSTs, se = sqrt of the summed survmean variances (ignores"
                    + " clustering), normal interval");
    if (byArm.containsKey(Arms.OD) && byArm.containsKey(Arms.TAU)) {
      Rmst.Difference d = Rmst.difference(byArm.get(Arms.OD), byArm.get(Arms.TAU), CONF_LEVEL);
      diff = diff.withEstimate(d.estimate()).withSe(d.se()).withCi(d.ciLow(), d.ciHigh());
      for (String note : d.notes()) {
        diff = diff.withNote(note);
      }
    } else {
      diff = diff.notEstimable("both arms are needed for a difference");
      warnings.add("relapse.rmst: no difference, an arm has no participants");
    }
    rows.add(diff);
    return rows;
  }

  static double[] times(List<Participant> ps) {
    return HazardRatioRow.times(ps);
  }

  static boolean[] events(List<Participant> ps) {
    return HazardRatioRow.events(ps, Participant::relapse);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
