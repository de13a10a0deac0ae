package org.odtrial.analysis.simulate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Derivation;
import org.odtrial.analysis.estimate.Analysis;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.simulate.internal.RepRow;
import org.odtrial.analysis.simulate.internal.Tallies;
import org.odtrial.ingest.generate.GeneratedTrial;
import org.odtrial.ingest.generate.TrialGenerator;

/**
 * Operating characteristics of an analysis plan by simulation: each rep generates a trial with the
 * project's generator, in memory, derives its analysis data and runs the whole plan on it, exactly
 * as {@code odtrial analyse} would on that trial loaded into a store. Reps run on several threads;
 * their rows are summarised in rep order on the calling thread, so the result is the same whatever
 * the number of threads. Stopped early, the result is that of the reps done before the first one
 * not finished, which is exactly the result of asking for that many reps.
 */
public final class Simulation {
  /** Load number and upload hash of a simulated trial's results (there is no store). */
  private static final int LOAD = 0;

  private static final String SHA256 = "simulated";

  private final AnalysisPlan plan;
  private final SimulationOptions options;
  private final Derivation derivation;
  private final Analysis analysis;

  private Simulation(AnalysisPlan plan, SimulationOptions options) {
    this.plan = plan;
    this.options = options;
    this.derivation = Derivation.of(plan.horizonDays()).withInstruments(plan.recovery().keySet());
    this.analysis = Analysis.of(plan);
  }

  public static Simulation of(AnalysisPlan plan, SimulationOptions options) {
    return new Simulation(plan, options);
  }

  public SimulationOptions options() {
    return options;
  }

  /** The analysis data of rep {@code rep} (0-based). */
  public AnalysisData data(int rep) {
    GeneratedTrial trial = TrialGenerator.of(options.trial(rep)).generate();
    return derivation.derive(trial::forEach);
  }

  /** The plan's results on rep {@code rep} (0-based), as one analysis of that trial. */
  public Results rep(int rep) {
    return analysis.run(data(rep), LOAD, SHA256, "");
  }

  /** Runs every rep on {@code jobs} threads. */
  public SimulationResult run(int jobs) {
    return run(jobs, done -> {}, () -> false);
  }

  /**
   * Runs the reps on {@code jobs} threads until all are done or {@code stop} says to stop.
   *
   * @param jobs worker threads, at least 1
   * @param progress told the number of reps summarised, as each is
   * @param stop polled a few times a second; once it returns true no rep is started and the result
   *     covers the reps done before the first unfinished one (the others are abandoned)
   * @throws AnalysisException when a rep fails, naming the rep and how to reproduce its trial
   */
  public SimulationResult run(int jobs, IntConsumer progress, BooleanSupplier stop) {
    if (jobs < 1) {
      throw new AnalysisException("jobs must be at least 1, was " + jobs);
    }
    int reps = options.reps();
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean halt = new AtomicBoolean();
    Map<Integer, Object> finished = new ConcurrentHashMap<>();
    ReentrantLock lock = new ReentrantLock();
    Condition arrived = lock.newCondition();
    Runnable worker =
        () -> {
          while (!halt.get()) {
            int r = next.getAndIncrement();
            if (r >= reps) {
              return;
            }
            Object outcome;
            try {
              Results res = rep(r);
              outcome = new Done(RepRow.of(res), res.warnings());
            } catch (RuntimeException | StackOverflowError e) {
              outcome = e;
              halt.set(true);
            }
            finished.put(r, outcome);
            lock.lock();
            try {
              arrived.signalAll();
            } finally {
              lock.unlock();
            }
          }
        };
    Thread[] threads = new Thread[Math.min(jobs, reps)];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new Thread(worker, "odtrial-simulate-" + (i + 1));
      threads[i].setDaemon(true); // an abandoned rep never keeps the process alive
      threads[i].start();
    }
    Tallies tallies = new Tallies(options.effectScale());
    boolean interrupted = false;
    try {
      while (tallies.reps() < reps) {
        int r = tallies.reps();
        Object outcome = finished.remove(r);
        if (outcome == null) {
          if (stop.getAsBoolean()) {
            interrupted = true;
            break;
          }
          lock.lock();
          try {
            if (!finished.containsKey(r)) {
              arrived.await(100, TimeUnit.MILLISECONDS);
            }
          } finally {
            lock.unlock();
          }
          continue;
        }
        if (outcome instanceof RuntimeException | outcome instanceof Error) {
          throw failure(r, (Throwable) outcome);
        }
        Done d = (Done) outcome;
        tallies.add(r, d.rows(), d.warnings());
        progress.accept(tallies.reps());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      interrupted = true;
    } finally {
      halt.set(true);
    }
    if (!interrupted) {
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return new SimulationResult(
        options,
        plan.name(),
        plan.sha256(),
        plan.horizonDays(),
        tallies.reps(),
        interrupted,
        tallies.summaries(),
        tallies.warnings());
  }

  private AnalysisException failure(int rep, Throwable e) {
    boolean known = e instanceof AnalysisException;
    return new AnalysisException(
        String.format(
            Locale.ROOT,
            "rep %d failed%s: %s. Its trial is 'odtrial generate --out DIR %s'; ingest and"
                + " analyse it to see the failure on its own",
            rep,
            known ? "" : " (internal error, " + e.getClass().getSimpleName() + ")",
            e.getMessage(),
            options.generateArguments(rep)),
        e);
  }

  /** A rep's rows and warnings, waiting to be summarised. */
  private record Done(List<RepRow> rows, List<String> warnings) {}
}
