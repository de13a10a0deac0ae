package org.odtrial.analysis.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.simulate.internal.RepRow;
import org.odtrial.analysis.simulate.internal.Tallies;

/** The running summaries on hand-made reps whose figures are worked out here. */
class TalliesTest {
  private static final RowKey COX = new RowKey(RowId.RELAPSE_COX, null, null);
  private static final RowKey QPR =
      new RowKey(RowId.recovery("QPR", 12, RowId.RecoveryAnalysis.CR2), null, null);
  private static final RowKey FEMALE = new RowKey(RowId.coxSubgroup("sex", "female"), null, null);
  private static final RowKey OTHER = new RowKey(RowId.coxSubgroup("sex", "other"), null, null);

  private static RepRow hr(RowKey k, Double est, double lo, double hi, double p) {
    return new RepRow(k, "hazard_ratio", true, est, 0.2, lo, hi, p, null);
  }

  private static RepRow qpr(double est, double se, double lo, double hi, double p, String note) {
    return new RepRow(QPR, "mean_difference", true, est, se, lo, hi, p, note);
  }

  @Test
  void figuresOfThreeRepsUnderTheNull() {
    Tallies t = new Tallies(0.0);
    t.add(0, List.of(hr(COX, 0.5, 0.3, 0.9, 0.01), qpr(1.0, 1.0, -1, 3, 0.3, null)), List.of());
    t.add(
        1,
        List.of(hr(COX, 2.0, 1.2, 3.0, 0.04), qpr(-1.0, 2.0, -5, 3, 0.6, "12 of 90 rows dropped")),
        List.of("KM time 730 is beyond follow-up in arm OD"));
    t.add(
        2,
        List.of(hr(COX, 1.0, 0.5, 2.0, 0.5), qpr(3.0, 3.0, 1, 5, 0.02, "7 of 88 rows dropped")),
        List.of("KM time 730 is beyond follow-up in arm TAU"));
    List<RowSummary> rows = t.summaries();
    assertThat(rows).extracting(RowSummary::key).containsExactly(COX, QPR);

    RowSummary cox = rows.get(0);
    assertThat(cox.logScale()).isTrue();
    assertThat(cox.truth().value()).isEqualTo(1.0);
    // log estimates -ln2, ln2, 0: mean 0, sd ln2, geometric mean 1
    assertThat(cox.meanEstimate()).isCloseTo(1.0, within(1e-15));
    assertThat(cox.bias()).isCloseTo(0.0, within(1e-15));
    assertThat(cox.empiricalSe()).isCloseTo(Math.log(2), within(1e-15));
    assertThat(cox.biasMcse()).isCloseTo(Math.log(2) / Math.sqrt(3), within(1e-15));
    assertThat(cox.empiricalSeMcse()).isCloseTo(Math.log(2) / 2, within(1e-15));
    assertThat(cox.modelSe()).isCloseTo(0.2, within(1e-15));
    assertThat(cox.modelSeMcse()).isCloseTo(0.0, within(1e-15));
    // intervals (0.3, 0.9) and (1.2, 3) miss 1, (0.5, 2) holds it
    assertThat(cox.coverage()).isEqualTo(1 / 3.0);
    assertThat(cox.coverageMcse()).isCloseTo(Math.sqrt(2 / 27.0), within(1e-15));
    assertThat(cox.rejection()).isEqualTo(2 / 3.0);
    assertThat(cox.truth().nullHolds()).isTrue();

    RowSummary q = rows.get(1);
    assertThat(q.meanEstimate()).isEqualTo(1.0);
    assertThat(q.bias()).isEqualTo(1.0);
    assertThat(q.empiricalSe()).isCloseTo(2.0, within(1e-15));
    assertThat(q.modelSe()).isCloseTo(2.0, within(1e-15));
    assertThat(q.modelSeMcse()).isCloseTo(1 / Math.sqrt(3), within(1e-15));
    assertThat(q.coverage()).isEqualTo(2 / 3.0);
    assertThat(q.rejection()).isEqualTo(1 / 3.0);
    // numbers masked: the two notes count as one reason
    assertThat(q.notes()).containsExactly(new Reason("# of # rows dropped", 2, List.of(1, 2)));
    assertThat(t.warnings())
        .containsExactly(
            new Reason("KM time # is beyond follow-up in arm OD", 1, List.of(1)),
            new Reason("KM time # is beyond follow-up in arm TAU", 1, List.of(2)));
  }

  @Test
  void rowsAbsentOrNotEstimableSayWhyAndKeepTheirPlace() {
    Tallies t = new Tallies(1.0);
    t.add(
        0,
        List.of(
            hr(COX, 0.8, 0.5, 1.2, 0.3),
            hr(FEMALE, 0.7, 0.4, 1.1, 0.2),
            qpr(2, 1, 0, 4, 0.05, null)),
        List.of());
    // a level first seen in rep 1 goes after the row it follows there
    t.add(
        1,
        List.of(
            hr(COX, 0.9, 0.6, 1.3, 0.5),
            hr(FEMALE, 0.6, 0.3, 1.2, 0.1),
            new RepRow(
                OTHER,
                "hazard_ratio",
                true,
                null,
                null,
                null,
                null,
                null,
                "no relapses in the OD arm"),
            qpr(2, 1, 0, 4, 0.05, null)),
        List.of());
    t.add(2, List.of(hr(COX, 0.7, 0.4, 1.0, 0.04), qpr(2, 1, 0, 4, 0.05, null)), List.of());
    List<RowSummary> rows = t.summaries();
    assertThat(rows).extracting(RowSummary::key).containsExactly(COX, FEMALE, OTHER, QPR);
    RowSummary other = rows.get(2);
    assertThat(other.produced()).isEqualTo(1);
    assertThat(other.estimated()).isZero();
    assertThat(other.notEstimableReps()).isEqualTo(3);
    assertThat(other.notEstimable())
        .containsExactly(
            new Reason(Reason.ABSENT, 2, List.of(0, 2)),
            new Reason("no relapses in the OD arm", 1, List.of(1)));
    assertThat(other.meanEstimate()).isNull();
    assertThat(other.coverage()).isNull();
    RowSummary female = rows.get(1);
    assertThat(female.estimated()).isEqualTo(2);
    assertThat(female.notEstimable()).containsExactly(new Reason(Reason.ABSENT, 1, List.of(2)));
    // with effects: the conditional hazard ratio 0.75 is the truth; (0.6, 1.2) holds it,
    // (0.4, 1.1)... both hold it
    assertThat(female.truth().value()).isEqualTo(0.75);
    assertThat(female.coverage()).isEqualTo(1.0);
    assertThat(female.rejection()).isEqualTo(0.0);
    assertThat(rows.get(0).rejection()).isEqualTo(1 / 3.0);
    // p = 0.05 counts as a rejection (p <= alpha)
    assertThat(rows.get(3).rejection()).isEqualTo(1.0);
  }

  @Test
  void repsMustComeInOrderAndOnceEach() {
    Tallies t = new Tallies(1.0);
    assertThatThrownBy(() -> t.add(1, List.of(), List.of()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                t.add(0, List.of(hr(COX, 1.0, 0.5, 2, 0.9), hr(COX, 1.0, 0.5, 2, 0.9)), List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two rows relapse.cox");
  }
}
