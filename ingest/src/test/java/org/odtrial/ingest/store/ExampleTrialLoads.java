package org.odtrial.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.load.IngestResult;
import org.odtrial.ingest.load.Ingestor;

/**
 * The example trial stored twice: load 1 as uploaded, load 2 with one score changed and the last
 * network meeting removed; the store for tests that need a record changed and one closed.
 */
public final class ExampleTrialLoads {
  private ExampleTrialLoads() {}

  /** Writes the changed upload under {@code dir}, ingests both at {@code at} into dir/trial.db. */
  public static Path twoLoads(Path dir, Instant at) throws IOException {
    Path upload = Path.of("src/test/resources/example-trial").toAbsolutePath();
    Path changed = dir.resolve("changed");
    Files.createDirectories(changed);
    for (TrialFile f : TrialFile.values()) {
      Files.copy(upload.resolve(f.fileName()), changed.resolve(f.fileName()));
    }
    Path outcomes = changed.resolve("outcomes.csv");
    Files.writeString(
        outcomes,
        Files.readString(outcomes)
            .replace("S0001,QPR,0,2019-10-09,29", "S0001,QPR,0,2019-10-09,30"));
    Path meetings = changed.resolve("network_meetings.csv");
    List<String> lines = Files.readAllLines(meetings);
    Files.write(meetings, lines.subList(0, lines.size() - 1));

    Path db = dir.resolve("trial.db");
    Ingestor ingestor = Ingestor.of("test").withClock(Clock.fixed(at, ZoneOffset.UTC));
    assertThat(ingestor.ingest(upload, db).outcome()).isEqualTo(IngestResult.Outcome.STORED);
    assertThat(ingestor.ingest(changed, db).outcome()).isEqualTo(IngestResult.Outcome.STORED);
    return db;
  }
}
