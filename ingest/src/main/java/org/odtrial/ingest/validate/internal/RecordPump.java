package org.odtrial.ingest.validate.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs UTF-8 decoding and CSV parsing on a thread of its own and hands records over in batches, so
 * that on two cores parsing and checking overlap. The queue is bounded: memory stays a few batches
 * however big the file. The caller's thread does all checking and calls the sink, so a sink (e.g. a
 * database transaction) sees one thread only.
 */
final class RecordPump implements Runnable {
  private static final int BATCH = 2048;

  /**
   * A batch also ends once its records hold this many characters (a cell counting as 16), so that
   * the queue holds a few tens of MiB at most, however long the records.
   */
  private static final long BATCH_WEIGHT = 4L << 20;

  /**
   * Records with their physical first lines; the last batch says how reading ended: normally, at
   * broken quoting ({@code malformedAt}, the line), at a record over the reader's limits ({@code
   * cut}, whose line is {@code malformedAt}) or by a failure.
   */
  record Batch(
      long[] lines,
      String[][] records,
      int size,
      boolean last,
      long malformedAt,
      Utf8LineReader.Cut cut,
      Throwable failure) {}

  private final CsvRecords records;
  private final Utf8LineReader reader;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(8);
  private volatile boolean stopped;

  RecordPump(CsvRecords records, Utf8LineReader reader) {
    this.records = records;
    this.reader = reader;
  }

  /** Set when the pump's thread died without handing over its last batch (out of memory). */
  private volatile Throwable died;

  /**
   * Next batch; blocks. If the pump's thread died before handing over its last batch (an error so
   * severe, such as running out of memory, that even reporting it failed), rethrows that error
   * rather than waiting for ever.
   */
  Batch take(Thread thread) throws InterruptedException {
    while (true) {
      Batch b = queue.poll(100, TimeUnit.MILLISECONDS);
      if (b != null) {
        return b;
      }
      if (!thread.isAlive() && queue.isEmpty()) {
        Throwable e = died;
        if (e instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException("the CSV reader stopped without a result", e);
      }
    }
  }

  /** For the thread's uncaught-exception handler: allocates nothing, so it works out of memory. */
  void died(Throwable e) {
    died = e;
  }

  /** Makes the pump give up (the consumer failed); it stops at its next hand-over. */
  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    try {
      long[] lines = new long[BATCH];
      String[][] batch = new String[BATCH][];
      int n = 0;
      long cells = 0;
      long batchStart = -1;
      while (true) {
        String[] r;
        try {
          r = records.next();
          if (r == null) {
            break;
          }
        } catch (IOException e) {
          if (reader.cut() != null) {
            break; // the record was cut short, so its quoting looks broken
          }
          if (e instanceof CsvRecords.Malformed) {
            put(new Batch(lines, batch, n, true, reader.lineOf(records.recordStart()), null, null));
            return;
          }
          throw new UncheckedIOException(e);
        }
        long start = records.recordStart();
        if (reader.cut() != null && start >= reader.cutRecordStart()) {
          break; // the record that was cut short: never passed on
        }
        if (batchStart < 0) {
          batchStart = start;
        }
        lines[n] = reader.lineOf(start);
        batch[n++] = r;
        cells += r.length;
        if (n == BATCH || start - batchStart + 16 * cells > BATCH_WEIGHT) {
          if (!put(new Batch(lines, batch, n, false, -1, null, null))) {
            return;
          }
          lines = new long[BATCH];
          batch = new String[BATCH][];
          n = 0;
          cells = 0;
          batchStart = -1;
        }
      }
      Utf8LineReader.Cut cut = reader.cut();
      put(new Batch(lines, batch, n, true, cut == null ? -1 : reader.cutLine(), cut, null));
    } catch (RuntimeException | Error e) {
      put(new Batch(new long[0], new String[0][], 0, true, -1, null, e));
    }
  }

  /** False when the consumer has stopped listening. */
  private boolean put(Batch b) {
    try {
      while (!queue.offer(b, 50, TimeUnit.MILLISECONDS)) {
        if (stopped) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
