package org.odtrial.analysis.simulate;

import java.util.Set;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;
import org.odtrial.ingest.generate.TrueEffects;

/**
 * The one place that maps results rows to the generator's true values ({@link TrueEffects}), scaled
 * by the simulation's effect scale. A row not named here gets no true value (but still its
 * rejection rate), so rows added to the plan later are simulated without a change here.
 *
 * <p>Under the null (scale 0) the arms are exchangeable: OD changes nothing but the network
 * meetings, which change no outcome. Every comparison of the arms then has its null value as truth
 * exactly (1 for a ratio, 0 for a difference) and every test's null hypothesis holds. With effects,
 * the generator defines the conditional relapse hazard ratio and the questionnaire mean
 * differences.
 */
public final class TrueValues {

  /** Estimands that are ratios: analysed on the log scale, null value 1. */
  public static final Set<String> RATIOS =
      Set.of(
          "hazard_ratio", "rate_ratio", "subdistribution_hazard_ratio", "odds_ratio", "risk_ratio");

  /** Estimands that are differences between the arms: null value 0. */
  public static final Set<String> DIFFERENCES =
      Set.of("mean_difference", "rmst_difference", "risk_difference");

  static final String HAZARD_RATIO_NOTE =
      "the generator's hazard ratio is conditional on the cluster's frailty and the covariates; a"
          + " Cox model that leaves either out estimates one a little closer to 1"
          + " (non-collapsibility)";

  static final String SCORE_NOTE =
      "scores are rounded and kept within the instrument's range, which moves the mean difference"
          + " a little";

  static final String INTERACTION_NOTE =
      "the generator's effect of OD is the same at every level (no interaction on the conditional"
          + " hazard scale)";

  private static final Set<RecoveryAnalysis> SCORE_EFFECT_ANALYSES =
      Set.of(
          RecoveryAnalysis.ANCOVA,
          RecoveryAnalysis.CR2,
          RecoveryAnalysis.LMM,
          RecoveryAnalysis.LMM_KR,
          RecoveryAnalysis.MMRM,
          RecoveryAnalysis.MI);

  private static final Set<RowId> CONDITIONAL_HAZARD_RATIO_ROWS =
      Set.of(RowId.RELAPSE_COX, RowId.RELAPSE_COX_ADJUSTED, RowId.RELAPSE_COX_STRATIFIED);

  private TrueValues() {}

  /**
   * @param key the row
   * @param estimand its estimand
   * @param comparesArms whether the row compares the arms (it has a contrast)
   * @param effectScale the simulation's effect scale
   */
  public static Truth of(RowKey key, String estimand, boolean comparesArms, double effectScale) {
    if (key.perArm() || isTippingPoint(key)) {
      // a tipping-point row asks how far from the assumed missingness the conclusion holds
      return Truth.NONE;
    }
    String id = key.id().value();
    if (effectScale == 0.0) {
      if (RATIOS.contains(estimand) && comparesArms) {
        return new Truth(1.0, true, null);
      }
      if (DIFFERENCES.contains(estimand) && comparesArms) {
        return new Truth(0.0, true, null);
      }
      return new Truth(null, true, null);
    }
    if (id.startsWith("relapse.cox.interaction.")) {
      return new Truth(null, true, INTERACTION_NOTE);
    }
    if (key.id().equals(RowId.RELAPSE_PH_TEST)) {
      return Truth.NONE;
    }
    if ("hazard_ratio".equals(estimand)
        && (CONDITIONAL_HAZARD_RATIO_ROWS.contains(key.id())
            || id.startsWith("relapse.cox.subgroup."))) {
      double hr = StrictMath.exp(effectScale * StrictMath.log(TrueEffects.RELAPSE_HAZARD_RATIO));
      return new Truth(hr, false, HAZARD_RATIO_NOTE);
    }
    if ("mean_difference".equals(estimand)) {
      var row = key.id().recoveryRow();
      if (row.isPresent() && SCORE_EFFECT_ANALYSES.contains(row.get().analysis())) {
        var effect = TrueEffects.scoreEffect(row.get().instrument(), row.get().month());
        if (effect.isPresent()) {
          return new Truth(effect.getAsDouble() * effectScale, false, SCORE_NOTE);
        }
      }
    }
    // every other comparison of the arms is of an outcome OD changes, so its null is false
    return comparesArms ? new Truth(null, false, null) : Truth.NONE;
  }

  private static boolean isTippingPoint(RowKey key) {
    return key.id().recoveryRow().map(r -> r.analysis() == RecoveryAnalysis.TIPPING).orElse(false);
  }
}
