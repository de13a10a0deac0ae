package org.odtrial.ingest.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.generate.GeneratorOptions;
import org.odtrial.ingest.generate.TrialGenerator;
import org.odtrial.ingest.store.TrialStore;
import org.odtrial.ingest.store.Verification;

/**
 * An ingest of the whole trial prepares each record (row hash, the seal's part) on the validating
 * thread and writes it on another: with several of the writer's batches per table (3,000
 * participants, about 30,000 outcomes), the stored rows must match the seal computed while they
 * were prepared, and two ingests of the same upload must give the same chain head.
 */
class WriteBehindTest {
  private static final Instant T1 = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir Path tmp;

  @Test
  void recordsPreparedOnOneThreadAndWrittenOnAnotherMatchTheirSeal() throws IOException {
    Path upload = tmp.resolve("upload");
    TrialGenerator.of(GeneratorOptions.of(24, 3000, 42)).writeTo(upload);
    Ingestor ingestor = Ingestor.of("test").withClock(Clock.fixed(T1, ZoneOffset.UTC));
    String[] heads = new String[2];
    for (int i = 0; i < 2; i++) {
      Path db = tmp.resolve("trial" + i + ".db");
      try (IngestResult r = ingestor.ingest(upload, db)) {
        assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.STORED);
        assertThat(r.load().files().get(TrialFile.PARTICIPANTS).added()).isEqualTo(3000);
        assertThat(r.load().files().get(TrialFile.OUTCOMES).added()).isGreaterThan(4096);
      }
      try (TrialStore store = TrialStore.open(db)) {
        Verification v = store.verify();
        assertThat(v.firstBreak()).isEmpty();
        heads[i] = v.head();
      }
    }
    assertThat(heads[1]).isEqualTo(heads[0]);
  }

  /**
   * The seal's part of each table is finished on a thread of its own as soon as the next file's
   * records arrive; an upload rejected at its last file must still end that thread (and so delete
   * its spill files) before the ingest returns, and leave the store able to take the next load.
   */
  @Test
  void aRejectedUploadEndsTheSealThreadBeforeReturning() throws IOException {
    Path upload = tmp.resolve("upload");
    TrialGenerator.of(GeneratorOptions.of(24, 3000, 42)).writeTo(upload);
    Path meetings = upload.resolve(TrialFile.NETWORK_MEETINGS.fileName());
    List<String> lines = Files.readAllLines(meetings);
    Path bad = tmp.resolve("bad");
    Files.createDirectories(bad);
    for (TrialFile f : TrialFile.values()) {
      Files.copy(upload.resolve(f.fileName()), bad.resolve(f.fileName()));
    }
    // the last record twice: a duplicate key, found only once every other file was written
    Files.writeString(
        bad.resolve(TrialFile.NETWORK_MEETINGS.fileName()),
        lines.get(lines.size() - 1) + "\n",
        StandardOpenOption.APPEND);
    Path db = tmp.resolve("trial.db");
    Ingestor ingestor = Ingestor.of("test").withClock(Clock.fixed(T1, ZoneOffset.UTC));
    try (IngestResult r = ingestor.ingest(bad, db)) {
      assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.REJECTED);
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("odtrial-seal") && t.isAlive());
    try (IngestResult r = ingestor.ingest(upload, db)) {
      assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.STORED);
    }
    try (TrialStore store = TrialStore.open(db)) {
      assertThat(store.verify().firstBreak()).isEmpty();
    }
  }
}
