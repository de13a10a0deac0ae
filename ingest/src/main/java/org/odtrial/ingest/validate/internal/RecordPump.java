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
      long[] prints,
      int[] found,
      int size,
      boolean last,
      long malformedAt,
      Utf8LineReader.Cut cut,
      Throwable failure) {}

  private final ByteRecords records;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(8);
  private volatile boolean stopped;

  /**
   * Positions in the record of the cells whose {@link FingerprintIndex#fingerprint}s are worked out
   * here (-1: not in the header), for records of {@link #cells} cells.
   */
  private final int[] keys;

  private final int cells;

  /** Per key, the finished index to look its fingerprint up in here, or null. */
  private final FingerprintIndex[] lookups;

  /**
   * @param keys positions of the key cells to fingerprint: a batch's {@code prints} holds, for
   *     record k and key j, the fingerprint of the cell at {@code keys[j]} in {@code prints[2 * (k
   *     * keys.length + j)]} and the next element, or 0 where the record has not {@code cells}
   *     cells or the cell is empty. Hashing here, on the reading thread, takes it off the checking
   *     thread, which has more to do.
   * @param lookups per key, an index that no thread changes any more (the participants', once
   *     participants.csv has been read) in which to look the key up here, or null: a batch's {@code
   *     found[k * keys.length + j]} is then what {@link FingerprintIndex#get(long, long)} returns,
   *     where there is a fingerprint
   */
  RecordPump(ByteRecords records, int[] keys, int cells, FingerprintIndex[] lookups) {
    this.records = records;
    this.keys = keys;
    this.cells = cells;
    this.lookups = lookups;
  }

  private String[] before; // the record before, whose fingerprints a repeated cell can reuse
  private int beforeAt = -1; // where its fingerprints start in the current batch's prints, or -1

  /** Fingerprints record n's key cells into prints (see the constructor). */
  private void fingerprints(String[] r, long[] prints, int[] found, int n) {
    int at = 2 * n * keys.length;
    if (r.length != cells) {
      before = null;
      beforeAt = -1;
      return;
    }
    for (int j = 0; j < keys.length; j++, at += 2) {
      int c = keys[j];
      if (c < 0 || r[c].isEmpty()) {
        continue;
      }
      if (beforeAt >= 0 && before[c] == r[c]) { // the cell above, as the same String
        prints[at] = prints[beforeAt + 2 * j];
        prints[at + 1] = prints[beforeAt + 2 * j + 1];
        found[at / 2] = found[beforeAt / 2 + j];
      } else {
        FingerprintIndex.fingerprint(r[c], prints, at);
        if (lookups[j] != null) {
          found[at / 2] = lookups[j].get(prints[at], prints[at + 1]);
        }
      }
    }
    before = r;
    beforeAt = 2 * n * keys.length;
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
      long[] prints = new long[2 * BATCH * keys.length];
      int[] found = new int[BATCH * keys.length];
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
          if (records.cut() != null) {
            break; // the record was cut short, so its quoting looks broken
          }
          if (e instanceof CsvRecords.Malformed) {
            put(new Batch(lines, batch, prints, found, n, true, records.line(), null, null));
            return;
          }
          throw new UncheckedIOException(e);
        }
        long start = records.recordStart();
        if (records.cut() != null && start >= records.cutRecordStart()) {
          break; // the record that was cut short: never passed on
        }
        if (batchStart < 0) {
          batchStart = start;
        }
        lines[n] = records.line();
        fingerprints(r, prints, found, n);
        batch[n++] = r;
        cells += r.length;
        if (n == BATCH || start - batchStart + 16 * cells > BATCH_WEIGHT) {
          if (!put(new Batch(lines, batch, prints, found, n, false, -1, null, null))) {
            return;
          }
          lines = new long[BATCH];
          batch = new String[BATCH][];
          prints = new long[2 * BATCH * keys.length];
          found = new int[BATCH * keys.length];
          beforeAt = -1;
          n = 0;
          cells = 0;
          batchStart = -1;
        }
      }
      Utf8LineReader.Cut cut = records.cut();
      put(
          new Batch(
              lines,
              batch,
              prints,
              found,
              n,
              true,
              cut == null ? -1 : records.cutLine(),
              cut,
              null));
    } catch (RuntimeException | Error e) {
      put(new Batch(new long[0], new String[0][], new long[0], new int[0], 0, true, -1, null, e));
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
