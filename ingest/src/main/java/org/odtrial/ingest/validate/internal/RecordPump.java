package org.odtrial.ingest.validate.internal;

import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Runs UTF-8 decoding and CSV parsing on a thread of its own and hands records over in batches, so
 * that on two cores parsing and checking overlap. The queue is bounded: memory stays a few batches
 * however big the file. The caller's thread does all checking and calls the sink, so a sink (e.g. a
 * database transaction) sees one thread only.
 */
final class RecordPump implements Runnable {
  private static final int BATCH = 2048;

  /** Records with their physical first lines; the last batch says how reading ended. */
  record Batch(
      long[] lines,
      CSVRecord[] records,
      int size,
      boolean last,
      long malformedAt,
      Throwable failure) {}

  private final Iterator<CSVRecord> records;
  private final CSVParser parser;
  private final Utf8LineReader reader;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(8);
  private volatile boolean stopped;

  RecordPump(CSVParser parser, Iterator<CSVRecord> records, Utf8LineReader reader) {
    this.parser = parser;
    this.records = records;
    this.reader = reader;
  }

  /** Next batch; blocks. */
  Batch take() throws InterruptedException {
    return queue.take();
  }

  /** Makes the pump give up (the consumer failed); it stops at its next hand-over. */
  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    try {
      long nextLine = parser.getCurrentLineNumber() + 1;
      long[] lines = new long[BATCH];
      CSVRecord[] batch = new CSVRecord[BATCH];
      int n = 0;
      while (true) {
        CSVRecord r;
        try {
          if (!records.hasNext()) {
            break;
          }
          r = records.next();
        } catch (UncheckedIOException e) {
          if (CsvFileReader.isCsvSyntax(e)) {
            put(new Batch(lines, batch, n, true, nextLine, null));
            return;
          }
          throw e;
        }
        lines[n] = reader.lineOf(r.getCharacterPosition());
        batch[n++] = r;
        nextLine = parser.getCurrentLineNumber() + 1;
        if (n == BATCH) {
          if (!put(new Batch(lines, batch, n, false, -1, null))) {
            return;
          }
          lines = new long[BATCH];
          batch = new CSVRecord[BATCH];
          n = 0;
        }
      }
      put(new Batch(lines, batch, n, true, -1, null));
    } catch (RuntimeException | Error e) {
      put(new Batch(new long[0], new CSVRecord[0], 0, true, -1, e));
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
