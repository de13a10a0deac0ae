package org.odtrial.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The clean sample trial ({@link SampleData#CLEAN}) ingested with {@code odtrial ingest} into a
 * SQLite store once per test JVM, on first use; each test takes a copy of its own, exactly the
 * store a fresh ingest gives (load 1, sealed), so that a test may change or break it. Tests of the
 * ingest itself run the command (IngestCommandTest, BothStoresPipelineTest).
 */
final class IngestedSample {
  private static Path store;
  private static Path blinded;
  private static final Object ANALYSED = new Object();
  private static final Object REPORT = new Object();
  private static Output analysed;
  private static Output report;

  /** What one command printed and the folder it wrote. */
  record Output(Run run, Path dir) {}

  private IngestedSample() {}

  /** A copy of the ingested store at {@code file} (which must not exist yet). */
  static Path copyTo(Path file) {
    return copy(IngestedSample::store, file);
  }

  /**
   * A copy at {@code file} of the ingested store after a first {@code report --blinded}, which made
   * its blinding key (the store then holds load 1, its revision of the query history and the key).
   */
  static Path blindedCopyTo(Path file) {
    return copy(IngestedSample::blinded, file);
  }

  /**
   * {@code analyse} of the ingested store with the default plan, run once per test JVM on a copy of
   * the store: what it printed and its folder, which tests read and never change. Tests comparing
   * another run's files with these (RunCommandTest, BothStoresPipelineTest) check that the same
   * data gives the same bytes.
   */
  static Output analysed() {
    // a lock of its own: a test waiting for it does not hold up tests that only copy the store
    synchronized (ANALYSED) {
      if (analysed == null) {
        analysed = once("analyse");
      }
      return analysed;
    }
  }

  /** {@code report} of the ingested store, unblinded, as {@link #analysed()} is analyse's. */
  static Output report() {
    synchronized (REPORT) {
      if (report == null) {
        report = once("report");
      }
      return report;
    }
  }

  private static Output once(String command) {
    try {
      Path dir = Files.createTempDirectory("odtrial-sample-" + command);
      Path db = copyTo(dir.resolve("trial.db"));
      Path out = dir.resolve("out");
      Run r = Run.of(command, "--db", db.toString(), "--out", out.toString());
      if (r.exit() != 0) {
        throw new IllegalStateException(command + " of the sample failed: " + r.all());
      }
      deleteOnExit(dir);
      return new Output(r, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Marks a folder and everything in it to be deleted when the JVM exits. */
  private static void deleteOnExit(Path dir) throws IOException {
    // deleteOnExit deletes in the reverse order of registration: the folders last
    try (Stream<Path> files = Files.walk(dir)) {
      files.forEach(f -> f.toFile().deleteOnExit());
    }
  }

  private interface Store {
    Path get() throws IOException;
  }

  private static Path copy(Store from, Path to) {
    try {
      Files.copy(from.get(), to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }

  private static synchronized Path store() throws IOException {
    if (store == null) {
      Path db = newStoreFile("odtrial-sample-store");
      Run r = Run.of("ingest", SampleData.CLEAN.toString(), "--db", db.toString());
      if (r.exit() != 0 || !r.out().contains("Stored load 1")) {
        throw new IllegalStateException("the sample trial did not ingest: " + r.all());
      }
      // a closed store is one file: no journal or write-ahead log beside it to copy
      try (Stream<Path> files = Files.list(db.getParent())) {
        List<Path> all = files.toList();
        if (all.size() != 1) {
          throw new IllegalStateException("more than the store's file after ingest: " + all);
        }
      }
      store = db;
    }
    return store;
  }

  private static synchronized Path blinded() throws IOException {
    if (blinded == null) {
      Path db = newStoreFile("odtrial-sample-blinded");
      Files.copy(store(), db);
      Path out = Files.createTempDirectory("odtrial-sample-report");
      Run r = Run.of("report", "--db", db.toString(), "--out", out.toString(), "--blinded");
      if (r.exit() != 0) {
        throw new IllegalStateException("the blinded report of the sample failed: " + r.all());
      }
      try (Stream<Path> files = Files.walk(out)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
      blinded = db;
    }
    return blinded;
  }

  /** trial.db (not yet there) in a new temporary folder; both are deleted when the JVM exits. */
  private static Path newStoreFile(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    dir.toFile().deleteOnExit();
    Path db = dir.resolve("trial.db");
    db.toFile().deleteOnExit();
    return db;
  }
}
