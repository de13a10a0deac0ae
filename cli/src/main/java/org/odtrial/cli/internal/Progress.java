package org.odtrial.cli.internal;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Progress of long work on stderr, rewritten in place at most a few times a second; silent unless a
 * person is watching a terminal, so pipelines and CI logs stay clean.
 */
public final class Progress implements LongConsumer, AutoCloseable {
  private static final long INTERVAL_NANOS = 250_000_000L;

  private final PrintWriter err;
  private final boolean enabled;
  private final String what;
  private final long total;
  private long lastNanos;
  private boolean printed;

  public Progress(PrintWriter err, boolean enabled, String what, long total) {
    this.err = err;
    this.enabled = enabled;
    this.what = what;
    this.total = total;
  }

  @Override
  public void accept(long done) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (printed && now - lastNanos < INTERVAL_NANOS && done < total) {
      return;
    }
    lastNanos = now;
    printed = true;
    if (total > 0) {
      err.printf(Locale.ROOT, "\r%s: %,d of %,d (%d%%)", what, done, total, done * 100 / total);
    } else {
      err.printf(Locale.ROOT, "\r%s: %,d", what, done);
    }
    err.flush();
  }

  @Override
  public void close() {
    if (printed) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
