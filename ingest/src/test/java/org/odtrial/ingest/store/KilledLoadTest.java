package org.odtrial.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odtrial.ingest.contract.TrialFile;

/** A load killed with SIGKILL in the middle of writing leaves the store exactly as it was. */
class KilledLoadTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"direct", "merge"})
  void aKilledLoadLeavesTheStoreByteForByteAsItWas(String mode) throws Exception {
    Path db = dir.resolve("trial.odtrial");
    Path journal = dir.resolve("trial.odtrial-journal");
    // two prior loads. In "direct" mode network_meetings stays empty, so the killed load writes
    // that table in
    // place while streaming; in "merge" mode every table has history, so the load only stages
    // records (in the
    // temp database) and the store file is first written by the commit's merge, which is where it
    // gets killed
    Upload first = Upload.small();
    if (mode.equals("direct")) {
      first.records(TrialFile.NETWORK_MEETINGS).clear();
    }
    Upload second = first.copy().set(TrialFile.PARTICIPANTS, "P001", "age", "32");
    try (TrialStore store = TrialStore.open(db)) {
      first.loadInto(store, Instant.parse("2026-01-01T00:00:00Z"));
      second.loadInto(store, Instant.parse("2026-02-01T00:00:00Z"));
    }
    byte[] before = Files.readAllBytes(db);

    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                KillableLoad.class.getName(),
                db.toString(),
                mode)
            .redirectError(dir.resolve("child.err").toFile())
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).as("child output; stderr: %s", childErr()).isEqualTo("writing");
      // kill only once the database file itself has been written to: it has grown past its old size
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (Files.size(db) <= before.length && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(child.isAlive())
          .as("the child must still be writing; stderr: %s", childErr())
          .isTrue();
      assertThat(Files.size(db)).isGreaterThan(before.length);
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(journal).as("a hot journal is left behind").exists();
    assertThat(Files.readAllBytes(db)).isNotEqualTo(before);

    try (TrialStore store = TrialStore.open(db)) {
      assertThat(Files.readAllBytes(db)).as("rolled back on open").isEqualTo(before);
      assertThat(journal).doesNotExist();
      assertThat(store.loads()).extracting(LoadInfo::load).containsExactly(1, 2);
      for (TrialFile file : TrialFile.values()) {
        assertThat(read(store, file, 1)).containsExactlyElementsOf(first.sorted(file));
        assertThat(read(store, file, 2)).containsExactlyElementsOf(second.sorted(file));
      }
    }
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
  }

  private String childErr() throws IOException {
    Path err = dir.resolve("child.err");
    return Files.exists(err) ? Files.readString(err) : "";
  }

  private static List<String[]> read(TrialStore store, TrialFile file, int load) {
    List<String[]> records = new ArrayList<>();
    store.read(file, load, records::add);
    return records;
  }
}
