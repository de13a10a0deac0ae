package org.odtrial.cli;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.data.StoredLoad;
import org.odtrial.analysis.estimate.Analysis;
import org.odtrial.analysis.estimate.ImputedDataSet;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Results;
import org.odtrial.cli.internal.Steps;
import org.odtrial.ingest.store.StoreException;
import org.odtrial.ingest.store.TrialStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which load and plan an analysis uses: shared by {@code analyse} and {@code report}. */
public final class AnalysisOptions {
  @Mixin PlanOptions planOptions;

  @Mixin ThreadsOption threads;

  @Option(names = "--load", paramLabel = "N", description = "Load to analyse; default: the latest.")
  Integer load;

  /** The plan these options name. */
  AnalysisPlan plan() {
    return planOptions.plan();
  }

  /**
   * One analysis of a store's load.
   *
   * @param plan the plan used
   * @param data the load's derived analysis data
   * @param results every row of the plan
   */
  record Run(AnalysisPlan plan, AnalysisData data, Results results) {}

  /**
   * Verifies the store, then derives the chosen load's data and runs the plan on it, each step
   * shown by {@code steps}.
   *
   * @param blinding whether the run relies on the store's blinding key too
   * @throws StoreException TAMPERED when the load (or the blinding key) no longer matches its seal
   */
  Run run(TrialStore store, boolean blinding, Steps steps) {
    return run(store, blinding, steps, null);
  }

  /**
   * As {@link #run(TrialStore, boolean, Steps)}, handing every completed data set of the
   * multiple-imputation rows to {@code imputations} (null: none).
   */
  Run run(TrialStore store, boolean blinding, Steps steps, Consumer<ImputedDataSet> imputations) {
    return run(
        plan(),
        Optional.ofNullable(load),
        threads.requested(),
        store,
        blinding,
        steps,
        imputations);
  }

  /**
   * As {@link #run(TrialStore, boolean, Steps, Consumer)} for a given plan and load (empty: the
   * latest) on {@code threads} threads (0: the default for the data's size, {@link
   * ThreadsOption#forData}), for {@code odtrial run}, which has no {@code --load}.
   */
  static Run run(
      AnalysisPlan plan,
      Optional<Integer> load,
      int threads,
      TrialStore store,
      boolean blinding,
      Steps steps,
      Consumer<ImputedDataSet> imputations) {
    StoredLoad source = StoredLoad.of(store, load);
    AnalysisData data = read(source, plan, store, blinding, steps);
    steps.step(
        String.format(
            Locale.ROOT,
            "analysing %,d participants in %,d clusters",
            data.participants().size(),
            data.clusters().size()));
    Analysis analysis =
        Analysis.of(plan).withThreads(ThreadsOption.forData(threads, data.participants().size()));
    if (imputations != null) {
      analysis = analysis.withImputations(imputations);
    }
    Results results =
        analysis.run(data, source.info().load(), source.info().uploadSha256(), Version.get());
    return new Run(plan, data, results);
  }

  /**
   * Verifies the store and derives the analysis data of {@code source}, a load of it, as {@code
   * plan} defines them: the data an analysis of that load under that plan was computed from.
   *
   * @param blinding whether the caller relies on the store's blinding key too
   * @throws StoreException TAMPERED when the load (or the blinding key) no longer matches its seal
   */
  static AnalysisData read(
      StoredLoad source, AnalysisPlan plan, TrialStore store, boolean blinding, Steps steps) {
    int n = source.info().load();
    steps.step("verifying and reading load " + n);
    // one pass over the store both verifies it and reads the load
    return source.verifiedDerive(
        Derivation.of(plan.horizonDays()).withInstruments(plan.recovery().keySet()),
        check ->
            check
                .firstBreakAffecting(n, blinding)
                .ifPresent(
                    p -> {
                      throw new StoreException(
                          StoreException.Kind.TAMPERED,
                          String.format(
                              Locale.ROOT,
                              "load %d of %s no longer matches its seal, so nothing was"
                                  + " computed from it: %s. Run 'odtrial verify --db %s' for"
                                  + " every broken link",
                              n,
                              store.name(),
                              p.message(),
                              store.name()));
                    }));
  }
}
