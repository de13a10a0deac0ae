package org.odtrial.analysis.mixed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odtrial.analysis.linear.internal.Dense;
import org.odtrial.analysis.mixed.internal.NestedRemlProfile;
import org.odtrial.analysis.mixed.internal.TauSearch;

/**
 * Linear mixed model with a random intercept per cluster and one per participant nested in it,
 * fitted by REML as {@code lme4::lmer(y ~ x + (1 | cluster_id) + (1 | participant_id), REML =
 * TRUE)}: the repeated-measures model of a cluster-randomised trial with several follow-up visits.
 * The REML criterion is profiled over tau = theta^2 (the variance ratios) and minimised to full
 * precision ({@link TauSearch}); Kenward-Roger is {@link KenwardRoger} at the REML variance
 * components. Every value must be finite: the caller selects the rows.
 */
public final class NestedRandomInterceptModel {
  private final double[] y;
  private final double[][] x;
  private final List<String> terms;
  private final String[] clusters;
  private final String[] participants;

  private NestedRandomInterceptModel(
      double[] y, double[][] x, List<String> terms, String[] clusters, String[] participants) {
    this.y = y;
    this.x = x;
    this.terms = terms;
    this.clusters = clusters;
    this.participants = participants;
  }

  /**
   * @param clusters the cluster of each row
   * @param participants the participant of each row; a participant belongs to one cluster
   * @throws IllegalArgumentException when lengths differ, a value is not finite, a label is
   *     missing, or a participant appears in two clusters
   */
  public static NestedRandomInterceptModel of(
      double[] y, double[][] x, List<String> terms, String[] clusters, String[] participants) {
    KenwardRoger.of(y, x, terms); // the same checks of y and x
    if (clusters.length != y.length || participants.length != y.length) {
      throw new IllegalArgumentException("one cluster and one participant label per row needed");
    }
    Map<String, String> clusterOf = new HashMap<>();
    for (int i = 0; i < y.length; i++) {
      if (clusters[i] == null || participants[i] == null) {
        throw new IllegalArgumentException(
            "cluster or participant label missing in row " + (i + 1));
      }
      String before = clusterOf.putIfAbsent(participants[i], clusters[i]);
      if (before != null && !before.equals(clusters[i])) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "participant %s appears in clusters %s and %s: participants must be nested in"
                    + " clusters",
                participants[i],
                before,
                clusters[i]));
      }
    }
    return new NestedRandomInterceptModel(
        y.clone(), Dense.copy(x), List.copyOf(terms), clusters.clone(), participants.clone());
  }

  /**
   * @throws IllegalArgumentException with fewer than 2 clusters, or as many clusters or
   *     participants as observations (lme4 refuses both), or no more observations than fixed
   *     effects
   * @throws ArithmeticException when the fixed-effects design is rank deficient
   */
  public NestedMixedFit fit() {
    int n = y.length;
    int p = terms.size();
    Levels levels = levels();
    int nc = levels.clusters();
    int np = levels.clusterOf().length;
    if (nc < 2 || nc >= n || np >= n) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "random intercepts for clusters and participants need at least 2 clusters and fewer"
                  + " clusters and fewer participants than observations (%d clusters, %d"
                  + " participants, %d observations)",
              nc,
              np,
              n));
    }
    if (n <= p) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%d observations cannot estimate %d fixed effects", n, p));
    }
    NestedRemlProfile profile =
        new NestedRemlProfile(y, x, levels.participant(), levels.clusterOf());
    double[] tau = TauSearch.minimise(profile);
    NestedRemlProfile.Point pt = profile.at(tau[0], tau[1]);
    double sigma2 = pt.r2() / (n - p);
    double thetaP = Math.sqrt(tau[0]);
    double thetaC = Math.sqrt(tau[1]);
    List<String> notes = new ArrayList<>();
    boolean singular =
        thetaP < RandomInterceptModel.SINGULAR_TOLERANCE
            || thetaC < RandomInterceptModel.SINGULAR_TOLERANCE;
    if (singular) {
      notes.add(
          String.format(
              Locale.ROOT,
              "boundary (singular) fit: the %s variance is estimated as %s",
              thetaC < RandomInterceptModel.SINGULAR_TOLERANCE
                  ? thetaP < RandomInterceptModel.SINGULAR_TOLERANCE
                      ? "cluster and the participant"
                      : "cluster"
                  : "participant",
              Math.min(thetaP, thetaC) == 0 ? "0" : "close to 0"));
    }
    double varP = sigma2 * tau[0];
    double varC = sigma2 * tau[1];
    KenwardRogerFit kr =
        KenwardRoger.of(y, x, terms)
            .withRandomIntercept("participant_id", participants)
            .withRandomIntercept("cluster_id", clusters)
            .at(new double[] {varP, varC}, sigma2);
    return new NestedMixedFit(
        terms,
        pt.beta(),
        Dense.scale(pt.mInverse(), sigma2),
        thetaP,
        thetaC,
        Math.sqrt(sigma2),
        varP,
        varC,
        sigma2,
        pt.criterion(),
        singular,
        n,
        np,
        nc,
        kr,
        notes);
  }

  /**
   * lme4's REML criterion ({@code devfun} of {@code lmer(..., devFunOnly = TRUE)}) at theta =
   * (sigma_participant / sigma, sigma_cluster / sigma): to compare any point, such as lmer's, with
   * the fit's.
   */
  public double remlCriterion(double thetaParticipant, double thetaCluster) {
    Levels levels = levels();
    return new NestedRemlProfile(y, x, levels.participant(), levels.clusterOf())
        .criterion(thetaParticipant * thetaParticipant, thetaCluster * thetaCluster);
  }

  /** Dense indices: each row's participant, each participant's cluster, and the cluster count. */
  private record Levels(int[] participant, int[] clusterOf, int clusters) {}

  private Levels levels() {
    Map<String, Integer> pIndex = new HashMap<>();
    Map<String, Integer> cIndex = new HashMap<>();
    int[] participant = new int[y.length];
    List<Integer> clusterOf = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      int g = cIndex.computeIfAbsent(clusters[i], k -> cIndex.size());
      Integer l = pIndex.get(participants[i]);
      if (l == null) {
        l = pIndex.size();
        pIndex.put(participants[i], l);
        clusterOf.add(g);
      }
      participant[i] = l;
    }
    return new Levels(
        participant, clusterOf.stream().mapToInt(Integer::intValue).toArray(), cIndex.size());
  }
}
