package org.odtrial.ingest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.LoadMetadata;
import org.odtrial.ingest.store.LoadWriter;
import org.odtrial.ingest.store.StoreException;
import org.odtrial.ingest.store.TrialStore;

/**
 * A first load takes its files' digests from the bytes validation read instead of hashing the files
 * beforehand: they must be exactly the digests a separate pass computes, so that the same upload is
 * found unchanged later and a changed file is found changed.
 */
class FirstLoadDigestsTest {
  @TempDir Path tmp;

  private static final String[] FILES = {
    "cluster_id,site_id,arm,randomised_on,stratum,deprivation_quintile,list_size\n"
        + "C1,S1,OD,2020-01-01,north,3,8421\nC2,S2,TAU,2020-01-01,south,2,5000\n",
    "participant_id,cluster_id,baseline_date,age,sex,ethnicity,diagnosis,prior_admissions,"
        + "followup_end,withdrawn_on,died_on\n"
        + "P1,C1,2020-02-01,30,female,white,psychosis,1,2021-02-01,,\n"
        + "P2,C2,2020-03-01,40,male,asian,bipolar,0,2021-03-01,,\n",
    "episode_id,participant_id,setting,start_date,end_date,detained\n"
        + "E1,P1,inpatient,2020-05-01,2020-05-20,no\n",
    "participant_id,instrument,timepoint,assessed_on,score\n"
        + "P1,QPR,0,2020-02-01,30\nP1,QPR,12,2021-01-20,35.5\n",
    "meeting_id,participant_id,meeting_date,mode,practitioners,network_members,location\n"
        + "M1,P1,2020-02-10,in_person,2,3,home\n"
  };

  private Path write(String name, String... files) throws IOException {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    for (TrialFile f : TrialFile.values()) {
      Files.writeString(dir.resolve(f.fileName()), files[f.ordinal()]);
    }
    return dir;
  }

  @Test
  void firstLoadStoresTheDigestsOfTheFilesAndTheSameUploadIsThenUnchanged() throws IOException {
    Path upload = write("u1", FILES);
    UploadFingerprint expected = UploadFingerprint.read(upload).orElseThrow();
    Path db = tmp.resolve("trial.db");
    try (IngestResult r = Ingestor.of("test").ingest(upload, db)) {
      assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.STORED);
      assertThat(r.load().uploadSha256()).isEqualTo(expected.upload());
    }
    try (TrialStore store = TrialStore.open(db)) {
      LoadInfo load = store.latestLoad().orElseThrow();
      assertThat(load.uploadSha256()).isEqualTo(expected.upload());
      load.files().forEach((f, s) -> assertThat(s.sha256()).isEqualTo(expected.files().get(f)));
    }
    try (IngestResult again = Ingestor.of("test").ingest(upload, db)) {
      assertThat(again.outcome()).isEqualTo(IngestResult.Outcome.UNCHANGED);
    }
    // one file changed: the other four are found byte-identical by the stored digests
    String[] two = FILES.clone();
    two[1] = FILES[1].replace("P2,C2,2020-03-01,40", "P2,C2,2020-03-01,41");
    try (IngestResult second = Ingestor.of("test").ingest(write("u2", two), db)) {
      assertThat(second.outcome()).isEqualTo(IngestResult.Outcome.STORED);
      assertThat(second.load().files().get(TrialFile.PARTICIPANTS).changed()).isEqualTo(1);
      assertThat(second.load().files().get(TrialFile.OUTCOMES).added()).isZero();
      assertThat(second.load().unchanged()).isFalse();
    }
  }

  @Test
  void aLoadWithAFileFoundUnchangedRefusesNewDigests() throws IOException {
    Path upload = write("u1", FILES);
    Path db = tmp.resolve("trial.db");
    try (IngestResult r = Ingestor.of("test").ingest(upload, db)) {
      assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.STORED);
    }
    UploadFingerprint fp = UploadFingerprint.read(upload).orElseThrow();
    Map<TrialFile, String> other = new EnumMap<>(fp.files());
    other.put(TrialFile.CLUSTERS, "1".repeat(64));
    try (TrialStore store = TrialStore.open(db);
        LoadWriter writer =
            store.beginLoad(
                new LoadMetadata(
                    fp.upload(),
                    fp.files(),
                    Instant.parse("2026-06-01T00:00:00Z"),
                    "tester",
                    "test",
                    TrialFile.CONTRACT_VERSION))) {
      assertThatThrownBy(() -> writer.digests("2".repeat(64), other))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("unchanged");
    }
  }
}
