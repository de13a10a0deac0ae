package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Cluster;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.survival.CoxFit;
import org.odtrial.analysis.survival.CoxModel;
import org.odtrial.analysis.survival.CoxZph;
import org.odtrial.analysis.survival.KaplanMeier;
import org.odtrial.analysis.survival.KaplanMeierFit;
import org.odtrial.analysis.survival.PermutationLogRank;
import org.odtrial.analysis.survival.Rmst;
import org.odtrial.analysis.survival.RobustScoreTest;
import org.odtrial.analysis.survival.Ties;

/**
 * The relapse rows of analysis-results v2 that respect clustering: Kaplan-Meier and RMST with the
 * clusters' influence, the robust score (log-rank) test, the site-stratified Cox model, the
 * restricted-randomisation test, and the proportional-hazards check.
 */
final class ClusteredRelapseRows {
  private static final String ROBUST_KM =
      "Kaplan-Meier, cluster-robust (grouped infinitesimal jackknife) variance, ";

  /** Below this many clusters, sandwich (cluster-robust) variances are noted as unreliable. */
  static final int FEW_CLUSTERS = 40;

  private ClusteredRelapseRows() {}

  static List<Estimate> of(AnalysisData data, AnalysisPlan plan) {
    List<Participant> ps = data.participants();
    Map<String, Integer> clusterIndex = new HashMap<>();
    for (Cluster c : data.clusters()) {
      clusterIndex.putIfAbsent(c.clusterId(), clusterIndex.size());
    }
    for (Participant p : ps) {
      clusterIndex.putIfAbsent(p.clusterId(), clusterIndex.size());
    }
    Map<String, KaplanMeierFit> km = new LinkedHashMap<>();
    Map<String, List<Participant>> byArm = new LinkedHashMap<>();
    for (String arm : Arms.BOTH) {
      List<Participant> in = ps.stream().filter(p -> p.arm().equals(arm)).toList();
      if (!in.isEmpty()) {
        byArm.put(arm, in);
        km.put(
            arm,
            KaplanMeier.of(RelapseRows.times(in), RelapseRows.events(in))
                .withConfType(KaplanMeierByArm.confType(plan.kmConfType()))
                .withConfLevel(KaplanMeierByArm.CONF_LEVEL)
                .withClusters(codes(in, clusterIndex))
                .fit());
      }
    }
    Map<String, Integer> armClusters = new HashMap<>();
    byArm.forEach((arm, in) -> armClusters.put(arm, Arms.clusterCount(in)));
    Sizes sizes =
        new Sizes(
            events(ps),
            Arms.clusterCount(ps),
            armClusters,
            RelapseRows.times(ps),
            RelapseRows.events(ps),
            armColumn(ps));
    List<Estimate> rows = new ArrayList<>(kaplanMeier(km, sizes, plan));
    rows.add(robustLogRank(ps, sizes, clusterIndex));
    rows.addAll(rmst(km, sizes, plan.horizonDays()));
    rows.add(stratifiedCox(ps, sizes, clusterIndex));
    rows.add(permutation(ps, sizes, data.clusters(), clusterIndex, plan.permutation()));
    rows.add(phTest(ps, sizes));
    return rows;
  }

  /**
   * What the rows report about all the participants and each arm, and the models' inputs, taken
   * from the participants once (not again for every row: a million participants' records are a pass
   * over a few hundred MB). The models copy what they keep, so the rows share these arrays.
   *
   * @param relapses relapses among all participants
   * @param clusters clusters of all participants
   * @param armClusters clusters of each arm's participants
   * @param time each participant's relapse time
   * @param event each participant's relapse indicator
   * @param arm each participant's arm column (1 for OD)
   */
  private record Sizes(
      long relapses,
      int clusters,
      Map<String, Integer> armClusters,
      double[] time,
      boolean[] event,
      double[][] arm) {}

  private static List<Estimate> kaplanMeier(
      Map<String, KaplanMeierFit> km, Sizes sizes, AnalysisPlan plan) {
    List<Estimate> rows = new ArrayList<>();
    for (Map.Entry<String, KaplanMeierFit> e : km.entrySet()) {
      KaplanMeierFit fit = e.getValue();
      for (int t : plan.kmTimesDays()) {
        // Times beyond the arm's follow-up give no row; relapse.km warns about them already.
        Optional<KaplanMeierFit.SurvivalAt> at = fit.at(t);
        if (at.isEmpty()) {
          continue;
        }
        KaplanMeierFit.SurvivalAt s = at.get();
        rows.add(
            Estimate.of(RowId.RELAPSE_KM_ROBUST, "survival")
                .withArm(e.getKey())
                .withTimeDays(t)
                .withEstimate(s.surv())
                .withSe(s.stdErr())
                .withCi(s.lower(), s.upper())
                .withN(fit.n())
                .withEvents(fit.events())
                .withClusters(sizes.armClusters().get(e.getKey()))
                .withMethod(ROBUST_KM + plan.kmConfType() + " confidence interval")
                .withExtra("n_risk", s.nRisk()));
      }
    }
    return rows;
  }

  private static Estimate robustLogRank(
      List<Participant> ps, Sizes sizes, Map<String, Integer> clusterIndex) {
    Estimate e =
        comparison(
            RowId.RELAPSE_LOGRANK_ROBUST,
            "chisq",
            ps,
            sizes,
            "robust score test of the Cox model with clusters (the log-rank test for"
                + " clustered data), Efron ties");
    Optional<String> why = notComparable(ps);
    if (why.isPresent()) {
      return e.notEstimable(why.get());
    }
    RobustScoreTest.Result r =
        RobustScoreTest.of(sizes.time(), sizes.event(), sizes.arm(), codes(ps, clusterIndex))
            .withTies(Ties.EFRON)
            .test();
    if (Double.isNaN(r.statistic())) {
      return e.notEstimable(String.join("; ", r.notes()));
    }
    return fewClusters(
        e.withEstimate(r.statistic()).withDf((double) r.df()).withPValue(r.pValue()), r.clusters());
  }

  private static List<Estimate> rmst(Map<String, KaplanMeierFit> km, Sizes sizes, int tau) {
    List<Estimate> rows = new ArrayList<>();
    Map<String, Rmst.Result> results = new HashMap<>();
    for (Map.Entry<String, KaplanMeierFit> e : km.entrySet()) {
      Rmst.Result r = Rmst.clustered(e.getValue(), tau);
      results.put(e.getKey(), r);
      Estimate row =
          Estimate.of(RowId.RELAPSE_RMST_ROBUST, "rmst")
              .withArm(e.getKey())
              .withTimeDays(tau)
              .withEstimate(r.rmean())
              .withSe(r.se())
              .withN(e.getValue().n())
              .withClusters(sizes.armClusters().get(e.getKey()))
              .withMethod(
                  "restricted mean survival time, area under the Kaplan-Meier curve;"
                      + " se from the clusters' influence on the area");
      for (String note : r.notes()) {
        row = row.withNote(note);
      }
      rows.add(row);
    }
    Estimate diff =
        Estimate.of(RowId.RELAPSE_RMST_ROBUST, "rmst_difference")
            .withArm("difference")
            .withContrast("OD - TAU")
            .withTimeDays(tau)
            .withMethod(
                "difference of RMSTs, se = sqrt of the summed cluster-robust variances, normal"
                    + " interval and p-value");
    if (!results.containsKey(Arms.OD) || !results.containsKey(Arms.TAU)) {
      rows.add(diff.notEstimable("both arms are needed for a difference"));
      return rows;
    }
    Rmst.Difference d =
        Rmst.difference(results.get(Arms.OD), results.get(Arms.TAU), RelapseRows.CONF_LEVEL);
    diff =
        diff.withEstimate(d.estimate())
            .withSe(d.se())
            .withCi(d.ciLow(), d.ciHigh())
            .withPValue(d.pValue());
    for (String note : d.notes()) {
      diff = diff.withNote(note);
    }
    int clusters = 0;
    for (int c : sizes.armClusters().values()) {
      clusters += c;
    }
    rows.add(fewClusters(diff, clusters));
    return rows;
  }

  /**
   * Notes on a cluster-robust test that its standard error rests on the number of clusters: with
   * fewer than {@link #FEW_CLUSTERS} it tends to be too small.
   */
  private static Estimate fewClusters(Estimate e, int clusters) {
    if (clusters >= FEW_CLUSTERS) {
      return e;
    }
    return e.withNote(
        String.format(
            Locale.ROOT,
            "%d clusters: with fewer than %d, cluster-robust standard errors tend to be too small"
                + " and this p-value too small with them; relapse.permutation does not depend on"
                + " the number of clusters",
            clusters,
            FEW_CLUSTERS));
  }

  private static Estimate stratifiedCox(
      List<Participant> ps, Sizes sizes, Map<String, Integer> clusterIndex) {
    Map<String, TreeSet<String>> armsBySite = new TreeMap<>();
    for (Participant p : ps) {
      armsBySite.computeIfAbsent(p.siteId(), k -> new TreeSet<>()).add(p.arm());
    }
    long both = armsBySite.values().stream().filter(a -> a.size() == 2).count();
    Estimate e =
        comparison(
                RowId.RELAPSE_COX_STRATIFIED,
                "hazard_ratio",
                ps,
                sizes,
                HazardRatioRow.COX_METHOD + ", stratified by site (a baseline hazard per site)")
            .withExtra("sites", (long) armsBySite.size())
            .withExtra("sites_with_both_arms", both);
    Optional<String> why = notComparable(ps);
    if (why.isPresent()) {
      return e.notEstimable(why.get());
    }
    if (both == 0) {
      return e.notEstimable(
          "every site has only one arm ("
              + sitesByArm(armsBySite)
              + "): there is no within-site contrast, so a site-stratified hazard ratio cannot"
              + " be estimated (R's coxph gives NA)");
    }
    Map<String, Integer> siteCode = new HashMap<>();
    armsBySite.keySet().forEach(s -> siteCode.put(s, siteCode.size()));
    int[] strata = ps.stream().mapToInt(p -> siteCode.get(p.siteId())).toArray();
    CoxFit fit =
        CoxModel.of(sizes.time(), sizes.event(), sizes.arm())
            .withTies(Ties.EFRON)
            .withNames(List.of(Arms.ARM_TERM))
            .withStrata(strata)
            .withClusters(codes(ps, clusterIndex))
            .withConfLevel(RelapseRows.CONF_LEVEL)
            .fit();
    for (String note : fit.notes()) {
      e = e.withNote(note);
    }
    if (fit.aliased()[0] || fit.possiblyInfinite()[0]) {
      return e.notEstimable(
          "within the sites that hold both arms, the arm effect "
              + (fit.aliased()[0]
                  ? "is not estimable"
                  : "diverges (no relapses in one arm): the hazard ratio may be infinite"));
    }
    if (both < armsBySite.size()) {
      e =
          e.withNote(
              String.format(
                  Locale.ROOT,
                  "%d of %d sites hold both arms; only they inform the hazard ratio",
                  both,
                  armsBySite.size()));
    }
    return e.withEstimate(fit.hazardRatio()[0])
        .withSe(fit.se()[0])
        .withCi(fit.hrLower()[0], fit.hrUpper()[0])
        .withPValue(fit.pValue()[0])
        .withExtra("model_se", Math.sqrt(fit.var()[0][0]));
  }

  private static Estimate permutation(
      List<Participant> ps,
      Sizes sizes,
      List<Cluster> clusters,
      Map<String, Integer> clusterIndex,
      AnalysisPlan.Permutation settings) {
    Estimate e =
        comparison(
            RowId.RELAPSE_PERMUTATION,
            "p_value",
            ps,
            sizes,
            "restricted-randomisation test: the log-rank chi-square under every allocation"
                + " of the arms to the clusters keeping each site's number of OD clusters");
    Optional<String> why = notComparable(ps);
    if (why.isPresent()) {
      return e.notEstimable(why.get());
    }
    if (clusterIndex.size() > clusters.size()) {
      return e.notEstimable("some participants' clusters are not in the clusters file");
    }
    // Every cluster of the load was randomised, also those without participants.
    int nClusters = clusterIndex.size();
    int[] site = new int[nClusters];
    boolean[] od = new boolean[nClusters];
    Map<String, Integer> siteCode = new TreeMap<>();
    clusters.forEach(c -> siteCode.putIfAbsent(c.siteId(), 0));
    int s = 0;
    for (Map.Entry<String, Integer> en : siteCode.entrySet()) {
      en.setValue(s++);
    }
    Map<String, TreeSet<String>> armsBySite = new TreeMap<>();
    for (Cluster c : clusters) {
      int i = clusterIndex.get(c.clusterId());
      site[i] = siteCode.get(c.siteId());
      od[i] = Arms.OD.equals(c.arm());
      armsBySite.computeIfAbsent(c.siteId(), k -> new TreeSet<>()).add(c.arm());
    }
    PermutationLogRank.Result r =
        PermutationLogRank.of(sizes.time(), sizes.event(), codes(ps, clusterIndex), site, od)
            .withDraws(settings.draws())
            .withSeed(settings.seed())
            .test();
    e =
        e.withEstimate(r.statistic())
            .withPValue(r.pValue())
            .withExtra("statistic", "survdiff chisq")
            .withExtra("allocations", r.allocations())
            .withExtra("exact", r.exact());
    if (!r.exact()) {
      e =
          e.withExtra("draws", (long) r.draws())
              .withExtra("seed", r.seed())
              .withExtra("monte_carlo_se", r.monteCarloSe());
      if (Double.isFinite(r.designAllocations())) {
        e = e.withExtra("allocations_in_design", r.designAllocations());
      }
      e =
          e.withNote(
              String.format(
                  Locale.ROOT,
                  "the design allows %s allocations, more than the %d enumerated exactly:"
                      + " p = (1 + draws at least as extreme) / (1 + %d draws), seed %d,"
                      + " Monte Carlo standard error %.2g",
                  Double.isFinite(r.designAllocations())
                      ? String.format(Locale.ROOT, "%.6g", r.designAllocations())
                      : String.format(Locale.ROOT, "about 10^%.1f", r.log10DesignAllocations()),
                  PermutationLogRank.DEFAULT_EXACT_LIMIT,
                  r.draws(),
                  r.seed(),
                  r.monteCarloSe()));
    }
    int empty = nClusters - sizes.clusters();
    if (empty > 0) {
      e =
          e.withNote(
              String.format(
                  Locale.ROOT,
                  "%d randomised cluster(s) without participants are allocated too",
                  empty));
    }
    if (r.allocations() == 1) {
      e =
          e.withNote(
              "every site's clusters are all in one arm ("
                  + sitesByArm(armsBySite)
                  + "), so the only allocation that keeps each site's number of OD clusters is"
                  + " the observed one: p = 1");
    } else if (r.sitesWithBothArms() < r.sites()) {
      e =
          e.withNote(
              String.format(
                  Locale.ROOT,
                  "%d of %d sites hold both arms; clusters are permuted only within them",
                  r.sitesWithBothArms(),
                  r.sites()));
    }
    return e;
  }

  private static Estimate phTest(List<Participant> ps, Sizes sizes) {
    Estimate e =
        comparison(
                RowId.RELAPSE_PH_TEST,
                "chisq",
                ps,
                sizes,
                "Grambsch-Therneau test of proportional hazards for the arm (cox.zph, KM time"
                    + " transform) on the Cox model of relapse.cox; like cox.zph it uses the"
                    + " model-based information, which does not account for clustering")
            .withExtra("transform", CoxZph.Transform.KM.rName());
    Optional<String> why = notComparable(ps);
    if (why.isPresent()) {
      return e.notEstimable(why.get());
    }
    for (String arm : Arms.BOTH) {
      if (ps.stream().noneMatch(p -> p.relapse() && p.arm().equals(arm))) {
        return e.notEstimable(
            "no relapses in the " + arm + " arm: the hazard ratio diverges, nothing to test");
      }
    }
    CoxZph.Result r =
        CoxZph.of(sizes.time(), sizes.event(), sizes.arm())
            .withTies(Ties.EFRON)
            .withNames(List.of(Arms.ARM_TERM))
            .withTransform(CoxZph.Transform.KM)
            .test();
    int k = r.indexOf(Arms.ARM_TERM);
    return e.withEstimate(r.chisq()[k]).withDf((double) r.df()[k]).withPValue(r.pValue()[k]);
  }

  /** A row comparing the arms over all participants: contrast, n, events and clusters set. */
  private static Estimate comparison(
      RowId id, String estimand, List<Participant> ps, Sizes sizes, String method) {
    return Estimate.of(id, estimand)
        .withContrast(Arms.CONTRAST)
        .withN(ps.size())
        .withEvents(sizes.relapses())
        .withClusters(sizes.clusters())
        .withMethod(method);
  }

  /** Why two arms cannot be compared, if they cannot. */
  private static Optional<String> notComparable(List<Participant> ps) {
    if (!Arms.bothArmsPresent(ps)) {
      return Optional.of("both arms are needed for a comparison");
    }
    if (ps.stream().noneMatch(Participant::relapse)) {
      return Optional.of("no relapses: there is nothing to compare");
    }
    return Optional.empty();
  }

  /** "sites T1 and T3 OD, T2 and T4 TAU", for notes. */
  private static String sitesByArm(Map<String, TreeSet<String>> armsBySite) {
    List<String> parts = new ArrayList<>();
    for (String arm : Arms.BOTH) {
      List<String> sites =
          armsBySite.entrySet().stream()
              .filter(en -> en.getValue().size() == 1 && en.getValue().contains(arm))
              .map(Map.Entry::getKey)
              .toList();
      if (!sites.isEmpty()) {
        parts.add((sites.size() == 1 ? "site " : "sites ") + join(sites) + " " + arm);
      }
    }
    return String.join(", ", parts);
  }

  private static String join(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  private static long events(List<Participant> ps) {
    return ps.stream().filter(Participant::relapse).count();
  }

  private static double[][] armColumn(List<Participant> ps) {
    double[][] x = new double[ps.size()][1];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = Arms.indicator(ps.get(i));
    }
    return x;
  }

  private static int[] codes(List<Participant> ps, Map<String, Integer> clusterIndex) {
    return ps.stream().mapToInt(p -> clusterIndex.get(p.clusterId())).toArray();
  }
}
