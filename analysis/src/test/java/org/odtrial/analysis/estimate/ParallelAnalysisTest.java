package org.odtrial.analysis.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.data.ExampleTrialSource;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.PlanReader;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.ResultsCsv;
import org.odtrial.analysis.results.ResultsJson;
import org.odtrial.analysis.simulate.Simulation;
import org.odtrial.analysis.simulate.SimulationOptions;

/**
 * The row groups computed on several threads give exactly the results of one thread: the same rows,
 * warnings and bytes, the imputed data sets handed out in the same order, and the same exception
 * when a group fails.
 */
class ParallelAnalysisTest {
  /** Every version-2 group, a second instrument, and km times that make two groups warn. */
  private static final AnalysisPlan WARNING_PLAN =
      PlanReader.read(
          "{\"km_times_days\": [365, 730, 1000], \"recovery\": {\"QPR\": [12, 24], \"BPRS\":"
              + " [12]}}",
          "parallel test plan");

  private static AnalysisData example(AnalysisPlan plan) {
    return Derivation.of(plan.horizonDays()).derive(ExampleTrialSource.upload());
  }

  private static void assertSameOnAnyThreads(AnalysisPlan plan, AnalysisData data) {
    Results one = Analysis.of(plan).run(data, 1, "0".repeat(64), "test");
    for (int threads : new int[] {2, 4}) {
      Results many = Analysis.of(plan).withThreads(threads).run(data, 1, "0".repeat(64), "test");
      assertThat(many).as("%d threads", threads).isEqualTo(one);
      assertThat(ResultsJson.toJson(many)).isEqualTo(ResultsJson.toJson(one));
      assertThat(ResultsCsv.toCsv(many)).isEqualTo(ResultsCsv.toCsv(one));
    }
  }

  @Test
  void theExampleTrialGivesTheSameResultsOnOneThreadOrMany() {
    assertSameOnAnyThreads(AnalysisPlan.defaults(), example(AnalysisPlan.defaults()));
  }

  @Test
  void warningsOfSeveralGroupsKeepTheirOrder() {
    AnalysisData data = example(WARNING_PLAN);
    Results one = Analysis.of(WARNING_PLAN).run(data, 1, "0".repeat(64), "test");
    // relapse (Kaplan-Meier) warns before the intercurrent-event group (cumulative incidence)
    assertThat(one.warnings()).anyMatch(w -> w.startsWith("relapse.cif: 1000 days"));
    assertThat(one.warnings().get(0)).doesNotStartWith("relapse.cif");
    assertSameOnAnyThreads(WARNING_PLAN, data);
  }

  @Test
  void aGeneratedTrialGivesTheSameResultsOnOneThreadOrMany() {
    AnalysisPlan plan = AnalysisPlan.defaults();
    AnalysisData data = Simulation.of(plan, SimulationOptions.of(24, 600, 1, 20261202L)).data(0);
    assertSameOnAnyThreads(plan, data);
  }

  @Test
  void imputedDataSetsReachTheSinkInTheOrderOfOneThread() {
    AnalysisData data = example(WARNING_PLAN);
    List<String> one = new ArrayList<>();
    Results a =
        Analysis.of(WARNING_PLAN)
            .withImputations(d -> one.add(key(d)))
            .run(data, 1, "0".repeat(64), "test");
    List<String> many = Collections.synchronizedList(new ArrayList<>());
    Results b =
        Analysis.of(WARNING_PLAN)
            .withThreads(2)
            .withImputations(d -> many.add(key(d)))
            .run(data, 1, "0".repeat(64), "test");
    assertThat(b).isEqualTo(a);
    assertThat(one).hasSize(3 * WARNING_PLAN.multipleImputation().imputations());
    assertThat(many).containsExactlyElementsOf(one);
  }

  private static String key(ImputedDataSet d) {
    return d.instrument()
        + "/"
        + d.month()
        + "/"
        + d.imputation()
        + "/"
        + Arrays.hashCode(d.scoreMonth());
  }

  @Test
  void aFailingGroupThrowsItsOwnExceptionAsOneThreadDoes() {
    AnalysisData data = example(AnalysisPlan.defaults());
    UncheckedIOException failure = new UncheckedIOException(new IOException("disk full"));
    for (int threads : new int[] {1, 2}) {
      assertThatThrownBy(
              () ->
                  Analysis.of(AnalysisPlan.defaults())
                      .withThreads(threads)
                      .withImputations(
                          d -> {
                            throw failure;
                          })
                      .run(data, 1, "0".repeat(64), "test"))
          .as("%d threads", threads)
          .isSameAs(failure);
    }
  }

  @Test
  void threadsMustBeAtLeastOne() {
    assertThat(Analysis.of(AnalysisPlan.defaults()).threads()).isEqualTo(1);
    assertThatThrownBy(() -> Analysis.of(AnalysisPlan.defaults()).withThreads(0))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("at least 1");
  }
}
