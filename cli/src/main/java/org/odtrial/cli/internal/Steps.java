package org.odtrial.cli.internal;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress of work done in a few long steps (reading a load, analysing it, writing a report) on
 * stderr: one line, rewritten in place, naming the step, what it is doing and the seconds it has
 * taken so far, refreshed while a step runs. Silent unless a person is watching a terminal, so
 * pipelines, files and CI logs stay clean.
 */
public final class Steps implements AutoCloseable {
  private static final long REFRESH_MILLIS = 500;

  /** Characters of a line: within an 80-column terminal. */
  private static final int WIDTH = 79;

  private final PrintWriter err;
  private final boolean enabled;
  private final String what;
  private final int total;
  private final ScheduledExecutorService ticker;
  private int step;
  private String name = "";
  private String detail = "";
  private long startNanos;
  private boolean printed;
  private boolean closed;

  /**
   * @param what the job, e.g. "report of load 3"
   * @param total the number of steps
   */
  public Steps(PrintWriter err, boolean enabled, String what, int total) {
    this.err = err;
    this.enabled = enabled;
    this.what = what;
    this.total = total;
    if (enabled) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "odtrial-progress");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleAtFixedRate(this::draw, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    } else {
      ticker = null;
    }
  }

  /** Starts the next step (nothing once closed). */
  public synchronized void step(String stepName) {
    if (closed) {
      return;
    }
    step++;
    name = stepName;
    detail = "";
    startNanos = System.nanoTime();
    draw();
  }

  /** What the current step is doing now (a file being written). */
  public synchronized void detail(String text) {
    detail = text;
    draw();
  }

  private synchronized void draw() {
    if (!enabled || step == 0 || closed) {
      return;
    }
    long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
    String line =
        String.format(
            Locale.ROOT,
            "%s: step %d of %d, %s%s",
            what,
            step,
            total,
            name,
            detail.isEmpty() ? "" : ": " + detail);
    String time = String.format(Locale.ROOT, " (%d s)", seconds);
    // one terminal line, or the next redraw cannot overwrite it
    if (line.length() + time.length() > WIDTH) {
      line = line.substring(0, Math.max(0, WIDTH - time.length() - 3)) + "...";
    }
    err.print("\r" + line + time + "\033[K");
    err.flush();
    printed = true;
  }

  /** Clears the line; may be called early, before printing results, and again. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (printed) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
