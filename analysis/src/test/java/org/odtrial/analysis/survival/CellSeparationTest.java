package org.odtrial.analysis.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exact finiteness rule against its definition and against where Newton-Raphson goes: a
 * coefficient the rule calls infinite keeps moving (and the log likelihood keeps rising) when the
 * iterations are allowed to go on; one it calls finite settles.
 */
class CellSeparationTest {

  private static final double[] TIME = {1, 2, 3, 4, 5, 6, 7, 8};

  @Test
  void interleavedEventsAreFinite() {
    boolean[] event = {true, true, true, false, true, false, true, false};
    int[] cell = {0, 1, 0, 1, 1, 0, 0, 1};
    CellSeparation s = CellSeparation.of(TIME, event, cell, 2);
    assertThat(s.finite()).isTrue();
    assertThat(s.finite(new double[] {1, -1})).isTrue();
    assertThat(s.events()).containsExactly(3, 2);
  }

  @Test
  void aCellWithoutEventsIsItsOwnComponent() {
    boolean[] event = {true, false, true, false, true, false, true, false};
    int[] cell = {0, 1, 0, 1, 0, 1, 0, 1};
    CellSeparation s = CellSeparation.of(TIME, event, cell, 2);
    assertThat(s.finite()).isFalse();
    assertThat(s.finite(new double[] {1, -1})).isFalse();
    assertThat(s.components()).containsExactly(0, 1);
    // Newton-Raphson agrees: the coefficient runs away as the iterations are let go on.
    double[][] x = new double[8][];
    for (int i = 0; i < 8; i++) {
      x[i] = new double[] {cell[i] == 0 ? 1 : 0};
    }
    CoxFit r = CoxModel.of(TIME, event, x).fit();
    CoxFit longer = CoxModel.of(TIME, event, x).withControl(1e-15, 25).fit();
    assertThat(r.converged()).isFalse();
    assertThat(longer.coef()[0]).isGreaterThan(r.coef()[0] + 4);
    assertThat(longer.loglikFinal()).isGreaterThan(r.loglikFinal());
  }

  @Test
  void eventsSeparatedInTimeAreInfinite() {
    // Cell 1's events all come after the last row of cell 0 has left.
    boolean[] event = {true, true, false, false, true, true, false, true};
    int[] cell = {0, 0, 0, 0, 1, 1, 1, 1};
    CellSeparation s = CellSeparation.of(TIME, event, cell, 2);
    assertThat(s.finite()).isFalse();
    // With a cell-0 row still at risk at time 6, the graph closes.
    int[] mixed = {0, 0, 0, 1, 1, 0, 1, 1};
    assertThat(CellSeparation.of(TIME, event, mixed, 2).finite()).isTrue();
  }

  @Test
  void startTimesTakeRowsOutOfTheEarlyRiskSets() {
    boolean[] event = {true, false, true, false};
    double[] stop = {2, 3, 4, 5};
    int[] cell = {0, 1, 1, 0};
    assertThat(CellSeparation.of(stop, event, cell, 2).finite()).isTrue();
    // Cell 0's row 4 enters only after the cell-1 event at 4, and cell 1's row 2 after time 2:
    // nobody of cell 1 is at risk at the cell-0 event.
    double[] start = {0, 2.5, 0, 4};
    assertThat(CellSeparation.of(start, stop, event, cell, 2).finite()).isFalse();
  }

  @Test
  void interactionTermsOneByOne() {
    // Cells (level, arm) = (0,OD) 0, (0,TAU) 1, (1,OD) 2, (1,TAU) 3, (2,OD) 4, (2,TAU) 5 with the
    // design of arm * V: armOD, V1, V2, armOD:V1, armOD:V2. Level 2 has no OD event.
    double[][] design = {
      {1, 0, 0, 0, 0},
      {0, 0, 0, 0, 0},
      {1, 1, 0, 1, 0},
      {0, 1, 0, 0, 0},
      {1, 0, 1, 0, 1},
      {0, 0, 1, 0, 0}
    };
    double[] time = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    boolean[] event = {true, true, true, true, false, true, true, true, true, true, false, false};
    int[] cell = {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5};
    CellSeparation s = CellSeparation.of(time, event, cell, 6);
    assertThat(s.finiteCoefficients(design)).containsExactly(true, true, true, true, false);
    // The reference level's OD cell without events: armOD and both interactions.
    boolean[] refEmpty = {
      false, true, true, true, true, true, false, true, true, true, true, false
    };
    assertThat(CellSeparation.of(time, refEmpty, cell, 6).finiteCoefficients(design))
        .containsExactly(false, true, true, false, false);
  }

  @Test
  void aDesignThatDoesNotSpanTheCellsFallsBackToAllOrNothing() {
    boolean[] event = {true, false, true, false, true, false, true, false};
    int[] cell = {0, 1, 2, 1, 0, 1, 2, 1};
    CellSeparation s = CellSeparation.of(TIME, event, cell, 3);
    assertThat(s.finiteCoefficients(new double[][] {{1}, {0}, {1}})).containsExactly(false);
    assertThatThrownBy(() -> s.finite(new double[] {1, -1}))
        .hasMessageContaining("one contrast coefficient per cell");
    assertThat(List.of(s.rows()[0], s.rows()[1], s.rows()[2])).containsExactly(2, 4, 2);
  }
}
