package org.odtrial.ingest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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
import org.odtrial.ingest.store.SmallUpload;
import org.odtrial.ingest.store.StoreException;
import org.odtrial.ingest.store.TrialStore;

/**
 * A first load takes its files' digests from the bytes validation read instead of hashing the files
 * beforehand: they must be exactly the digests a separate pass computes, so that the same upload is
 * found unchanged later and a changed file is found changed.
 */
class FirstLoadDigestsTest {
  @TempDir Path tmp;

  private static final String[] FILES = SmallUpload.files();

  private Path write(String name, String... files) throws IOException {
    return SmallUpload.write(tmp.resolve(name), files);
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
