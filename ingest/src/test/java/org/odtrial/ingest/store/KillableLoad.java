package org.odtrial.ingest.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Child process of {@link KilledLoadTest}: starts a large load into an existing store and never
 * finishes it on its own, so that the test can kill it mid-write. Prints {@code writing} once it is
 * about to write into the database file. A small page cache makes SQLite spill changed pages into
 * the file early.
 *
 * <p>Modes: {@code direct} streams network meetings without end into the (empty) network_meetings
 * table, written in place; {@code merge} stages a big upload and then commits, which writes into
 * the file while merging.
 */
public final class KillableLoad {
  private KillableLoad() {}

  public static void main(String[] args) {
    Path db = Path.of(args[0]);
    String mode = args[1];
    try (TrialStore store = TrialStore.open(db, new StoreSettings(1024))) {
      Upload tag = Upload.small();
      LoadWriter writer = store.beginLoad(tag.meta(Instant.parse("2026-06-01T00:00:00Z")));
      if (mode.equals("direct")) {
        SyntheticTrial trial = new SyntheticTrial(2_000, 0);
        trial.streamClustersParticipantsAdmissionsOutcomes(writer);
        System.out.println("writing");
        System.out.flush();
        trial.streamMeetings(writer, Long.MAX_VALUE);
      } else {
        new SyntheticTrial(100_000, 0).stream(writer);
        System.out.println("writing");
        System.out.flush();
        writer.commit(List.of());
      }
      System.out.println("committed");
    }
  }
}
