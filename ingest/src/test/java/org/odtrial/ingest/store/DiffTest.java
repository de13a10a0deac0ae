package org.odtrial.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.load.IngestResult;
import org.odtrial.ingest.load.Ingestor;

/** Which records changed between two loads, from the temporal rows. */
class DiffTest {
  @TempDir Path tmp;

  private static final String[] FILES = SmallUpload.files();

  @Test
  void addedRemovedAndChangedRecordsWithBothVersionsInEitherDirection() throws IOException {
    Path db = tmp.resolve("trial.db");
    SmallUpload.write(tmp.resolve("u1"), FILES);
    String[] two = FILES.clone();
    two[1] =
        FILES[1].replace("P2,C2,2020-03-01,40", "P2,C2,2020-03-01,41")
            + "P3,C1,2020-04-01,50,other,,,,2021-04-01,,\n";
    two[3] = FILES[3].replace("P1,QPR,12,2021-01-20,35.5\n", "P1,QPR,012,2021-01-21,35.5\n");
    two[2] = "episode_id,participant_id,setting,start_date,end_date,detained\n";
    SmallUpload.write(tmp.resolve("u2"), two);
    for (String u : new String[] {"u1", "u2"}) {
      // u2 removes every admission on purpose (rule emptied-file would refuse it otherwise)
      try (IngestResult r =
          Ingestor.of("test").withEmptiedFilesAllowed(true).ingest(tmp.resolve(u), db)) {
        assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.STORED);
      }
    }
    try (TrialStore store = TrialStore.open(db)) {
      List<RecordChange> p = new ArrayList<>();
      assertThat(store.diff(TrialFile.PARTICIPANTS, 1, 2, p::add)).isEqualTo(2);
      assertThat(p)
          .extracting(RecordChange::kind, RecordChange::key)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(RecordChange.Kind.CHANGED, "P2"),
              org.assertj.core.groups.Tuple.tuple(RecordChange.Kind.ADDED, "P3"));
      assertThat(p.get(0).before()[3]).isEqualTo("40");
      assertThat(p.get(0).after()[3]).isEqualTo("41");
      assertThat(p.get(1).before()).isNull();

      List<RecordChange> o = new ArrayList<>();
      store.diff(TrialFile.OUTCOMES, 1, 2, o::add);
      // the timepoint written 012 is the same key 12; its exact text is kept
      assertThat(o)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.key()).isEqualTo("P1/QPR/12");
                assertThat(c.kind()).isEqualTo(RecordChange.Kind.CHANGED);
                assertThat(c.after()[2]).isEqualTo("012");
              });

      List<RecordChange> back = new ArrayList<>();
      store.diff(TrialFile.ADMISSIONS, 2, 1, back::add);
      assertThat(back)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.kind()).isEqualTo(RecordChange.Kind.ADDED);
                assertThat(c.key()).isEqualTo("E1");
              });
      List<RecordChange> forward = new ArrayList<>();
      store.diff(TrialFile.ADMISSIONS, 1, 2, forward::add);
      assertThat(forward).extracting(RecordChange::kind).containsExactly(RecordChange.Kind.REMOVED);
      assertThat(store.diff(TrialFile.CLUSTERS, 1, 2, c -> {})).isZero();
      assertThat(store.diff(TrialFile.PARTICIPANTS, 2, 2, c -> {})).isZero();
    }
  }
}
