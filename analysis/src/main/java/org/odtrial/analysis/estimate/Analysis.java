package org.odtrial.analysis.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.descriptive.Compliance;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;

/**
 * Computes every row of a plan from one load's analysis data: relapse, hospital use, recovery,
 * network meetings, in that order, each as analysis-results v1 specifies.
 *
 * <p>The row groups do not depend on one another, so with more than one thread they are computed
 * concurrently, each into rows and warnings of its own, and then assembled in the fixed order
 * above: the results (warnings included) are the same whatever the number of threads. The groups
 * are awaited in the order a single thread computes them, so a failing run throws the exception a
 * single thread would have thrown first.
 */
public final class Analysis {
  private final AnalysisPlan plan;
  private final Consumer<ImputedDataSet> imputations;
  private final int threads;

  private Analysis(AnalysisPlan plan, Consumer<ImputedDataSet> imputations, int threads) {
    this.plan = plan;
    this.imputations = imputations;
    this.threads = threads;
  }

  /** The plan's analysis on the calling thread alone (see {@link #withThreads}). */
  public static Analysis of(AnalysisPlan plan) {
    return new Analysis(plan, null, 1);
  }

  /**
   * The same analysis, handing every completed data set of the multiple-imputation rows to {@code
   * sink} as it is analysed (for {@code --export-imputations}), in the order a single thread does.
   */
  public Analysis withImputations(Consumer<ImputedDataSet> sink) {
    return new Analysis(plan, sink, threads);
  }

  /**
   * The same analysis computing its row groups on up to {@code threads} threads of its own (1: on
   * the calling thread alone, as {@code odtrial simulate} does inside each of its workers).
   */
  public Analysis withThreads(int threads) {
    if (threads < 1) {
      throw new AnalysisException("threads must be at least 1, was " + threads);
    }
    return new Analysis(plan, imputations, threads);
  }

  /** Threads the row groups are computed on (1: the calling thread). */
  public int threads() {
    return threads;
  }

  /**
   * Runs the plan.
   *
   * @param data analysis data derived with the plan's horizon
   * @param load load number
   * @param loadSha256 the load's upload SHA-256
   * @param toolVersion odtrial version, recorded in the results
   */
  public Results run(AnalysisData data, int load, String loadSha256, String toolVersion) {
    if (data.horizonDays() != plan.horizonDays()) {
      throw new IllegalArgumentException(
          "data derived with horizon "
              + data.horizonDays()
              + " days, plan says "
              + plan.horizonDays());
    }
    List<String> warnings = new ArrayList<>();
    List<Estimate> rows = new ArrayList<>();
    try (Groups g = threads == 1 ? new Groups(null) : new Groups(pool(threads))) {
      // Submitted longest first (multiple imputation, MMRM, counts, the Cox rows) so that two
      // threads finish together; awaited below in the order of the results.
      Map<String, List<Integer>> recovery = plan.recovery();
      List<Part<Map<Integer, List<Estimate>>>> mi = new ArrayList<>();
      if (imputations == null || g.sequential()) {
        for (Map.Entry<String, List<Integer>> e : recovery.entrySet()) {
          mi.add(
              g.submit(
                  () ->
                      ImputationRows.of(
                          data, e.getKey(), e.getValue(), plan.multipleImputation(), imputations)));
        }
      } else {
        // one task for every instrument, so that the sink sees the data sets in order
        Part<List<Map<Integer, List<Estimate>>>> all =
            g.submit(
                () -> {
                  List<Map<Integer, List<Estimate>>> out = new ArrayList<>();
                  for (Map.Entry<String, List<Integer>> e : recovery.entrySet()) {
                    out.add(
                        ImputationRows.of(
                            data,
                            e.getKey(),
                            e.getValue(),
                            plan.multipleImputation(),
                            imputations));
                  }
                  return out;
                });
        for (int i = 0; i < recovery.size(); i++) {
          int index = i;
          mi.add(() -> all.get().get(index));
        }
      }
      List<Part<List<Estimate>>> mmrm = new ArrayList<>();
      for (Map.Entry<String, List<Integer>> e : recovery.entrySet()) {
        mmrm.add(g.submit(() -> MmrmRows.of(data, e.getKey(), e.getValue())));
      }
      Part<Rows> counts = g.submit(() -> Rows.of(w -> CountRows.of(data, w)));
      Part<Rows> clustered = g.submit(() -> Rows.of(w -> ClusteredRelapseRows.of(data, plan)));
      Part<Rows> relapse = g.submit(() -> Rows.of(w -> RelapseRows.of(data, plan, w)));
      Part<Rows> subgroups = g.submit(() -> Rows.of(w -> SubgroupRows.of(data, plan)));
      Part<Rows> intercurrent =
          g.submit(() -> Rows.of(w -> IntercurrentEventRows.of(data, plan, w)));
      List<List<Part<List<Estimate>>>> recoveryRows = new ArrayList<>();
      for (Map.Entry<String, List<Integer>> e : recovery.entrySet()) {
        List<Part<List<Estimate>>> byMonth = new ArrayList<>();
        for (int month : e.getValue()) {
          byMonth.add(g.submit(() -> RecoveryRows.of(data, e.getKey(), month)));
        }
        recoveryRows.add(byMonth);
      }
      Part<boolean[]> compliers = g.submit(() -> Compliance.compliers(data));
      List<List<Part<Estimate>>> cace = new ArrayList<>();
      for (Map.Entry<String, List<Integer>> e : recovery.entrySet()) {
        List<Part<Estimate>> byMonth = new ArrayList<>();
        for (int month : e.getValue()) {
          // waits for the compliers, submitted before it: a pool thread only ever waits for a
          // task already taken by another thread
          byMonth.add(g.submit(() -> CaceRows.of(data, compliers.get(), e.getKey(), month)));
        }
        cace.add(byMonth);
      }
      Part<List<Estimate>> meetings = g.submit(() -> MeetingRows.of(data));

      relapse.get().addTo(rows, warnings);
      clustered.get().addTo(rows, warnings);
      intercurrent.get().addTo(rows, warnings);
      subgroups.get().addTo(rows, warnings);
      counts.get().addTo(rows, warnings);
      compliers.get();
      int i = 0;
      for (Map.Entry<String, List<Integer>> e : recovery.entrySet()) {
        List<Integer> months = e.getValue();
        List<Estimate> mmrmRows = mmrm.get(i).get();
        Map<Integer, List<Estimate>> miRows = mi.get(i).get();
        for (int k = 0; k < months.size(); k++) {
          rows.addAll(recoveryRows.get(i).get(k).get());
          rows.add(mmrmRows.get(k));
          rows.addAll(miRows.get(months.get(k)));
          rows.add(cace.get(i).get(k).get());
        }
        i++;
      }
      rows.addAll(meetings.get());
    }
    return new Results(
        toolVersion,
        load,
        loadSha256,
        false,
        plan.name(),
        plan.sha256(),
        plan.horizonDays(),
        rows,
        warnings,
        plan.estimands());
  }

  private static ExecutorService pool(int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "odtrial-analysis-" + n.incrementAndGet());
          t.setDaemon(true); // an abandoned analysis never keeps the process alive
          return t;
        });
  }

  /** The rows and warnings of one group. */
  private record Rows(List<Estimate> rows, List<String> warnings) {
    static Rows of(java.util.function.Function<List<String>, List<Estimate>> group) {
      List<String> w = new ArrayList<>();
      List<Estimate> r = group.apply(w);
      return new Rows(r, w);
    }

    void addTo(List<Estimate> allRows, List<String> allWarnings) {
      allRows.addAll(rows);
      allWarnings.addAll(warnings);
    }
  }

  /** A group's result: computed by the pool, or on one thread when first asked for. */
  @FunctionalInterface
  private interface Part<T> {
    T get();
  }

  /**
   * Runs groups on a pool, or without one on the calling thread when their result is first asked
   * for, so that one thread computes them in exactly the order of the results (as before groups
   * could run concurrently). Closing it stops the pool's threads (a group still running after a
   * failure is abandoned).
   */
  private static final class Groups implements AutoCloseable {
    private final ExecutorService pool;

    Groups(ExecutorService pool) {
      this.pool = pool;
    }

    boolean sequential() {
      return pool == null;
    }

    <T> Part<T> submit(Callable<T> group) {
      if (pool == null) {
        return new Part<>() {
          private boolean done;
          private T value;

          @Override
          public T get() {
            if (!done) {
              value = call(group);
              done = true;
            }
            return value;
          }
        };
      }
      Future<T> f = pool.submit(group);
      return () -> await(f);
    }

    private static <T> T call(Callable<T> group) {
      try {
        return group.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new AnalysisException("row group failed: " + e, e);
      }
    }

    private static <T> T await(Future<T> f) {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        f.cancel(true);
        throw new AnalysisException("analysis interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new AnalysisException("row group failed: " + cause, cause);
      }
    }

    @Override
    public void close() {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }
}
