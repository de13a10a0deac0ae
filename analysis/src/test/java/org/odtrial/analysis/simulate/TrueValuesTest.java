package org.odtrial.analysis.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

/** Which rows get which true value, under the null and with the generator's effects. */
class TrueValuesTest {

  private static Truth truth(String id, String arm, String estimand, boolean contrast, double s) {
    return TrueValues.of(new RowKey(new RowId(id), arm, null), estimand, contrast, s);
  }

  @Test
  void underTheNullEveryComparisonHasItsNullValueAndEveryTestItsNullHypothesis() {
    assertThat(truth("relapse.cox", null, "hazard_ratio", true, 0))
        .isEqualTo(new Truth(1.0, true, null));
    assertThat(truth("relapse_or_death.cox", null, "hazard_ratio", true, 0).value()).isEqualTo(1.0);
    assertThat(truth("relapse.finegray", null, "subdistribution_hazard_ratio", true, 0).value())
        .isEqualTo(1.0);
    assertThat(truth("admissions.nb.cr2", null, "rate_ratio", true, 0).value()).isEqualTo(1.0);
    assertThat(truth("relapse.rmst", "difference", "rmst_difference", true, 0).value())
        .isEqualTo(0.0);
    assertThat(truth("recovery.QPR.m12.lmm_kr", null, "mean_difference", true, 0).value())
        .isEqualTo(0.0);
    assertThat(truth("recovery.QPR.m12.cace", null, "mean_difference", true, 0).value())
        .isEqualTo(0.0);
    assertThat(truth("relapse.permutation", null, "p_value", true, 0))
        .isEqualTo(new Truth(null, true, null));
    assertThat(truth("relapse.cox.interaction.sex", null, "chisq", false, 0).nullHolds()).isTrue();
    assertThat(truth("relapse.ph_test", null, "chisq", true, 0).nullHolds()).isTrue();
    // per arm: nothing to say
    assertThat(truth("relapse.km", "OD", "survival", false, 0)).isEqualTo(Truth.NONE);
    assertThat(truth("relapse.cif", "TAU", "cumulative_incidence", false, 0)).isEqualTo(Truth.NONE);
    // a tipping-point row is a sensitivity analysis, not an estimate of the effect
    assertThat(truth("recovery.QPR.m12.tipping", null, "mean_difference", true, 0))
        .isEqualTo(Truth.NONE);
  }

  @Test
  void withEffectsTheGeneratorDefinesTheHazardRatioAndTheScoreDifferences() {
    Truth cox = truth("relapse.cox_stratified", null, "hazard_ratio", true, 1);
    assertThat(cox.value()).isCloseTo(0.75, within(1e-15));
    assertThat(cox.nullHolds()).isFalse();
    assertThat(cox.note()).contains("non-collapsibility");
    assertThat(
            truth("relapse.cox.subgroup.diagnosis.bipolar", null, "hazard_ratio", true, 2).value())
        .isCloseTo(0.5625, within(1e-15));
    assertThat(truth("relapse.cox", null, "hazard_ratio", true, 0.5).value())
        .isCloseTo(Math.sqrt(0.75), within(1e-15));
    for (RecoveryAnalysis a :
        new RecoveryAnalysis[] {
          RecoveryAnalysis.ANCOVA,
          RecoveryAnalysis.CR2,
          RecoveryAnalysis.LMM,
          RecoveryAnalysis.LMM_KR,
          RecoveryAnalysis.MMRM,
          RecoveryAnalysis.MI
        }) {
      assertThat(
              TrueValues.of(
                      new RowKey(RowId.recovery("QPR", 24, a), null, null),
                      "mean_difference",
                      true,
                      1)
                  .value())
          .as(a.name())
          .isEqualTo(2.5);
    }
    assertThat(truth("recovery.BPRS.m12", null, "mean_difference", true, 2).value())
        .isEqualTo(-6.0);
    assertThat(truth("recovery.SPS.m24.cr2", null, "mean_difference", true, 1).value())
        .isEqualTo(2.0);
    assertThat(truth("recovery.CSQ8.m12", null, "mean_difference", true, 1).value()).isEqualTo(1.5);
    // the generator scores SPS at month 24 only, and nothing at month 6
    assertThat(truth("recovery.SPS.m12", null, "mean_difference", true, 1).value()).isNull();
    assertThat(truth("recovery.QPR.m6", null, "mean_difference", true, 1).value()).isNull();
    // CACE: the effect reaches every OD participant, not only those who meet: no single truth
    assertThat(truth("recovery.QPR.m12.cace", null, "mean_difference", true, 1).value()).isNull();
  }

  @Test
  void withEffectsOtherComparisonsArePowerAndInteractionsTypeOneError() {
    assertThat(truth("relapse.logrank", null, "chisq", true, 1))
        .isEqualTo(new Truth(null, false, null));
    assertThat(truth("admissions.nb", null, "rate_ratio", true, 1))
        .isEqualTo(new Truth(null, false, null));
    assertThat(truth("relapse_or_death.cox", null, "hazard_ratio", true, 1).value()).isNull();
    Truth interaction = truth("relapse.cox.interaction.diagnosis", null, "chisq", false, 1);
    assertThat(interaction.nullHolds()).isTrue();
    assertThat(interaction.note()).contains("no interaction");
    assertThat(truth("relapse.ph_test", null, "chisq", true, 1)).isEqualTo(Truth.NONE);
    assertThat(truth("relapse.km.robust", "OD", "survival", false, 1)).isEqualTo(Truth.NONE);
  }

  @Test
  void repSeedsAreSplitMix64AsSplittableRandomGivesThem() {
    for (long seed : new long[] {0, 1, -7, 20261202L, Long.MAX_VALUE}) {
      java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
      for (int rep = 0; rep < 50; rep++) {
        assertThat(SimulationOptions.repSeed(seed, rep)).isEqualTo(r.nextLong());
      }
    }
  }
}
