package org.odtrial.cli.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.FindingReport;

/**
 * Streams findings read on a helper thread: reading a large report back (a SQLite query) then
 * overlaps formatting and writing it, which otherwise run one after the other on one core after a
 * validation. At most {@link #BATCHES} batches of {@link #BATCH} findings wait between the two
 * threads, so memory stays bounded; the consumer sees the findings in the order they were read, on
 * the calling thread. A failure on either side stops both and is thrown to the caller.
 */
public final class ReadAhead {
  static final int BATCH = 512;
  static final int BATCHES = 8;

  /** What the helper thread reads: calls the sink for each finding, in order. */
  @FunctionalInterface
  public interface Source {
    void read(FindingReport.FindingConsumer sink) throws IOException;
  }

  private static final List<Finding> END = new ArrayList<>();

  private final BlockingQueue<List<Finding>> queue = new ArrayBlockingQueue<>(BATCHES);
  private volatile boolean cancelled;
  private volatile Throwable failure;

  private ReadAhead() {}

  /** Every finding of {@code site} (null for all) in report order. */
  public static void forEach(
      FindingReport report, String site, FindingReport.FindingConsumer consumer)
      throws IOException {
    forEach(sink -> report.forEach(site, sink), consumer);
  }

  /** Every finding {@code source} reads, in its order. */
  public static void forEach(Source source, FindingReport.FindingConsumer consumer)
      throws IOException {
    new ReadAhead().run(source, consumer);
  }

  /** The helper's way out when the consumer failed. */
  private static final class Cancelled extends RuntimeException {
    Cancelled() {
      super(null, null, false, false);
    }
  }

  private void run(Source source, FindingReport.FindingConsumer consumer) throws IOException {
    Thread reader = new Thread(() -> read(source), "odtrial-findings-reader");
    reader.setDaemon(true);
    reader.start();
    boolean done = false;
    try {
      while (true) {
        List<Finding> batch = queue.take();
        if (batch == END) {
          break;
        }
        for (Finding f : batch) {
          consumer.accept(f);
        }
      }
      done = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing the findings");
    } finally {
      if (!done) {
        cancelled = true;
        queue.clear(); // a reader blocked on a full queue sees the cancel
      }
      joinQuietly(reader);
    }
    rethrow(failure);
  }

  private void read(Source source) {
    Batcher batcher = new Batcher();
    try {
      try {
        source.read(batcher);
      } catch (Cancelled e) {
        throw e;
      } catch (Throwable e) { // handed to the caller's thread, which throws it
        failure = e;
      }
      // what was read before a failure is written before it is thrown, as without read-ahead
      if (!batcher.batch.isEmpty()) {
        put(batcher.batch);
      }
      put(END);
    } catch (Cancelled e) {
      // the consumer failed: it throws its own exception
    }
  }

  /** Collects findings into batches for the queue. */
  private final class Batcher implements FindingReport.FindingConsumer {
    List<Finding> batch = new ArrayList<>(BATCH);

    @Override
    public void accept(Finding f) {
      batch.add(f);
      if (batch.size() == BATCH) {
        put(batch);
        batch = new ArrayList<>(BATCH);
      }
    }
  }

  private void put(List<Finding> batch) {
    if (cancelled) {
      throw new Cancelled();
    }
    try {
      while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
        if (cancelled) {
          throw new Cancelled();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancelled();
    }
  }

  private static void joinQuietly(Thread t) {
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void rethrow(Throwable t) throws IOException {
    if (t == null) {
      return;
    }
    if (t instanceof IOException e) {
      throw e;
    }
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new UncheckedIOException(new IOException(t));
  }
}
