package org.odtrial.analysis.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.data.StoredLoad;
import org.odtrial.analysis.estimate.Analysis;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.PlanReader;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.results.ResultsJson;
import org.odtrial.analysis.results.RowId;
import org.odtrial.ingest.generate.TrialGenerator;
import org.odtrial.ingest.load.Ingestor;
import org.odtrial.ingest.store.TrialStore;

/**
 * The simulation engine: a rep is the analysis of its trial exactly as odtrial analyse gives it,
 * the summary is the same on any number of threads, an interrupted run is the run of the reps it
 * finished, and every figure is what its definition says, recomputed here from the reps' results.
 */
class SimulationTest {
  /** The plan odtrial analyse runs by default: a rep must be exactly its analysis. */
  private static final AnalysisPlan PLAN = AnalysisPlan.defaults();

  /**
   * The plan of the engine's tests: the default plan with one questionnaire score (QPR at month 12)
   * instead of four. The engine treats every row alike; the recovery rows of the other scores were
   * three quarters of each rep's time and add no kind of row.
   */
  private static final AnalysisPlan ENGINE =
      PlanReader.read("{\"recovery\": {\"QPR\": [12]}}", "engine test plan");

  /** A small design: each rep takes a few tens of milliseconds. */
  private static final SimulationOptions SMALL = SimulationOptions.of(6, 120, 12, 20261202L);

  /** The SMALL run on two threads, shared by the tests that only read it (computed once). */
  private static SimulationResult small;

  private static synchronized SimulationResult small() {
    if (small == null) {
      small = Simulation.of(ENGINE, SMALL).run(2);
    }
    return small;
  }

  @Test
  void aRepIsTheAnalysisOfItsTrialLoadedIntoAStore(@TempDir Path dir) {
    Simulation sim = Simulation.of(PLAN, SimulationOptions.of(10, 300, 3, 5));
    for (int rep = 0; rep < 3; rep++) {
      Path upload = dir.resolve("rep" + rep);
      TrialGenerator.of(sim.options().trial(rep)).writeTo(upload);
      Path db = dir.resolve("rep" + rep + ".db");
      Ingestor.of("test").ingest(upload, db);
      Results stored;
      try (TrialStore store = TrialStore.open(db)) {
        AnalysisData data =
            Derivation.of(PLAN.horizonDays())
                .withInstruments(PLAN.recovery().keySet())
                .derive(StoredLoad.of(store, Optional.empty()));
        stored = Analysis.of(PLAN).run(data, 0, "simulated", "");
      }
      assertThat(ResultsJson.toJson(sim.rep(rep)))
          .as("rep %d", rep)
          .isEqualTo(ResultsJson.toJson(stored));
    }
  }

  @Test
  void theResultDoesNotDependOnTheNumberOfThreads() {
    Simulation sim = Simulation.of(ENGINE, SMALL);
    SimulationResult one = sim.run(1);
    String json = SimulationJson.toJson(one, "test");
    assertThat(SimulationJson.toJson(small(), "test")).isEqualTo(json);
    assertThat(SimulationJson.toJson(sim.run(5), "test")).isEqualTo(json);
    assertThat(SimulationCsv.toCsv(small())).isEqualTo(SimulationCsv.toCsv(one));
  }

  @Test
  void anInterruptedRunIsTheRunOfTheRepsItFinished() {
    Simulation sim = Simulation.of(ENGINE, SMALL.withReps(1000));
    AtomicInteger done = new AtomicInteger();
    SimulationResult partial = sim.run(2, done::set, () -> done.get() >= 5);
    assertThat(partial.interrupted()).isTrue();
    assertThat(partial.repsDone()).isBetween(5, 999);
    SimulationResult whole = Simulation.of(ENGINE, SMALL.withReps(partial.repsDone())).run(1);
    assertThat(whole.interrupted()).isFalse();
    assertThat(partial.rows()).isEqualTo(whole.rows());
    assertThat(partial.warnings()).isEqualTo(whole.warnings());
  }

  @Test
  void progressCountsTheRepsSummarisedOneByOneInOrder() {
    List<Integer> seen = new ArrayList<>();
    SimulationResult three = Simulation.of(ENGINE, SMALL).run(3, seen::add, () -> false);
    assertThat(seen).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    // and three threads give the one- and two-thread result
    assertThat(SimulationJson.toJson(three, "test"))
        .isEqualTo(SimulationJson.toJson(small(), "test"));
  }

  /**
   * Rep 60 of 4 clusters, 40 participants and seed 12 has QPR and BPRS scores at month 24 in one
   * cluster per arm only: the mixed models cannot separate the cluster variance from the arm effect
   * there and say so (before, the Kenward-Roger df was infinite and the rep failed), while the
   * ANCOVA rows are still estimated.
   */
  @Test
  void withOneClusterPerArmAtAMonthTheMixedModelsAreNotEstimable() {
    Results rep = Simulation.of(PLAN, SimulationOptions.of(4, 40, 61, 12)).rep(60);
    for (String instrument : List.of("QPR", "BPRS")) {
      for (RowId.RecoveryAnalysis a :
          List.of(RowId.RecoveryAnalysis.LMM, RowId.RecoveryAnalysis.LMM_KR)) {
        Estimate e = estimate(rep, RowId.recovery(instrument, 24, a));
        assertThat(e.estimate()).as("%s %s", instrument, a).isNull();
        assertThat(e.note())
            .contains(
                "a random intercept per cluster needs at least 3 clusters with complete cases",
                "with 2, one per arm");
      }
      assertThat(estimate(rep, RowId.recovery(instrument, 24, RowId.RecoveryAnalysis.CR2)).se())
          .isNotNull();
      assertThat(estimate(rep, RowId.recovery(instrument, 12, RowId.RecoveryAnalysis.LMM_KR)).df())
          .isNotNull();
    }
  }

  private static Estimate estimate(Results r, RowId id) {
    return r.estimates().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void stoppedBeforeTheFirstRepItReportsNone() {
    SimulationResult none = Simulation.of(ENGINE, SMALL).run(2, n -> {}, () -> true);
    assertThat(none.interrupted()).isTrue();
    assertThat(none.repsDone()).isZero();
    assertThat(none.rows()).isEmpty();
    assertThat(SimulationTable.text(none)).contains("interrupted after 0 of 12 reps");
  }

  /**
   * Every summary figure recomputed from the reps' own results with the textbook two-pass formulas:
   * mean, standard deviation (n - 1), MCSEs, coverage and rejection counts.
   */
  @Test
  void everyFigureIsWhatItsDefinitionSays() {
    Simulation sim = Simulation.of(ENGINE, SMALL);
    SimulationResult r = small();
    List<Results> reps = new ArrayList<>();
    for (int k = 0; k < SMALL.reps(); k++) {
      reps.add(sim.rep(k));
    }
    assertThat(r.repsDone()).isEqualTo(12);
    for (RowSummary s : r.rows()) {
      List<Estimate> rows = new ArrayList<>();
      for (Results res : reps) {
        res.estimates().stream().filter(e -> RowKey.of(e).equals(s.key())).forEach(rows::add);
      }
      assertThat(s.produced()).as(s.key().label()).isEqualTo(rows.size());
      List<Estimate> est = rows.stream().filter(e -> e.estimate() != null).toList();
      assertThat(s.estimated()).as(s.key().label()).isEqualTo(est.size());
      assertThat(s.notEstimable().stream().mapToInt(Reason::reps).sum())
          .as("%s: every rep without an estimate has a reason", s.key().label())
          .isEqualTo(12 - est.size());
      if (est.size() < 2) {
        assertThat(s.empiricalSe()).isNull();
        continue;
      }
      double[] x =
          est.stream()
              .mapToDouble(e -> s.logScale() ? Math.log(e.estimate()) : e.estimate())
              .toArray();
      double mean = 0;
      for (double v : x) {
        mean += v / x.length;
      }
      double ss = 0;
      for (double v : x) {
        ss += (v - mean) * (v - mean);
      }
      double sd = Math.sqrt(ss / (x.length - 1));
      String what = s.key().label();
      assertThat(s.meanEstimate())
          .as(what)
          .isCloseTo(s.logScale() ? Math.exp(mean) : mean, within(1e-12 * (1 + Math.abs(mean))));
      assertThat(s.empiricalSe()).as(what).isCloseTo(sd, within(1e-12 * (1 + sd)));
      assertThat(s.empiricalSeMcse())
          .as(what)
          .isCloseTo(sd / Math.sqrt(2.0 * (x.length - 1)), within(1e-12));
      Double truth = s.truth().value();
      if (truth != null) {
        double t = s.logScale() ? Math.log(truth) : truth;
        assertThat(s.bias()).as(what).isCloseTo(mean - t, within(1e-12 * (1 + Math.abs(mean))));
        assertThat(s.biasMcse()).as(what).isCloseTo(sd / Math.sqrt(x.length), within(1e-12));
        long withCi = est.stream().filter(e -> e.ciLow() != null).count();
        long covered =
            est.stream()
                .filter(e -> e.ciLow() != null && e.ciLow() <= truth && truth <= e.ciHigh())
                .count();
        assertThat(s.coverageReps()).as(what).isEqualTo((int) withCi);
        if (withCi > 0) {
          double p = (double) covered / withCi;
          assertThat(s.coverage()).as(what).isEqualTo(p);
          assertThat(s.coverageMcse())
              .as(what)
              .isCloseTo(Math.sqrt(p * (1 - p) / withCi), within(1e-15));
        }
      } else {
        assertThat(s.bias()).as(what).isNull();
        assertThat(s.coverage()).as(what).isNull();
      }
      long withP = est.stream().filter(e -> e.pValue() != null).count();
      long rejected = est.stream().filter(e -> e.pValue() != null && e.pValue() <= 0.05).count();
      assertThat(s.rejectionReps()).as(what).isEqualTo((int) withP);
      if (withP > 0) {
        assertThat(s.rejection()).as(what).isEqualTo((double) rejected / withP);
      }
    }
  }

  /**
   * Fixed seeds, exact figures: the hazard ratio and QPR rows of these 12 reps, computed outside
   * Java (Python's math on the 12 reps' results.json: geometric mean exp(mean(log HR)), intervals
   * holding the truth, p <= 0.05) and written down. They change only if the generator (its bytes
   * are checked through sample-data/) or these R-checked methods change.
   */
  @Test
  void fixedSeedsGiveTheseFigures() {
    SimulationResult r = small();
    RowSummary cox = row(r, RowId.RELAPSE_COX);
    assertThat(cox.truth().value()).isEqualTo(0.75);
    assertThat(cox.truth().nullHolds()).isFalse();
    assertThat(cox.logScale()).isTrue();
    assertThat(cox.estimated()).isEqualTo(12);
    assertThat(cox.coverageReps()).isEqualTo(12);
    assertThat(cox.meanEstimate()).isCloseTo(0.8466108242892331, within(1e-14));
    assertThat(cox.coverage()).isEqualTo(8 / 12.0);
    assertThat(cox.rejection()).isEqualTo(3 / 12.0);
    RowSummary qpr = row(r, RowId.recovery("QPR", 12, RowId.RecoveryAnalysis.CR2));
    assertThat(qpr.truth().value()).isEqualTo(2.5);
    assertThat(qpr.logScale()).isFalse();
    assertThat(qpr.estimated()).isEqualTo(12);
    assertThat(qpr.meanEstimate()).isCloseTo(2.6525468621662784, within(1e-14));
    assertThat(qpr.coverage()).isEqualTo(11 / 12.0);
    assertThat(qpr.rejection()).isEqualTo(2 / 12.0);
  }

  static RowSummary row(SimulationResult r, RowId id) {
    return r.rows().stream().filter(s -> s.key().id().equals(id)).findFirst().orElseThrow();
  }
}
