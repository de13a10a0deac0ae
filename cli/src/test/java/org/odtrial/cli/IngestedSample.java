package org.odtrial.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private IngestedSample() {}

  /** A copy of the ingested store at {@code file} (which must not exist yet). */
  static Path copyTo(Path file) {
    try {
      Files.copy(store(), file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static synchronized Path store() throws IOException {
    if (store == null) {
      Path dir = Files.createTempDirectory("odtrial-sample-store");
      dir.toFile().deleteOnExit();
      Path db = dir.resolve("trial.db");
      db.toFile().deleteOnExit();
      Run r = Run.of("ingest", SampleData.CLEAN.toString(), "--db", db.toString());
      if (r.exit() != 0 || !r.out().contains("Stored load 1")) {
        throw new IllegalStateException("the sample trial did not ingest: " + r.all());
      }
      // a closed store is one file: no journal or write-ahead log beside it to copy
      try (Stream<Path> files = Files.list(dir)) {
        List<Path> all = files.toList();
        if (all.size() != 1) {
          throw new IllegalStateException("more than the store's file after ingest: " + all);
        }
      }
      store = db;
    }
    return store;
  }
}
