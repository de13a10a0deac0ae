package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {
  @TempDir Path tmp;

  @Test
  void storesThenRecognisesTheSameUploadThenStoresAChange() throws Exception {
    Path db = tmp.resolve("trial.db");
    Run first = Run.of("ingest", SampleData.CLEAN.toString(), "--db", db.toString());
    assertThat(first.exit()).isZero();
    assertThat(first.out()).contains("Stored load 1", "participants +600");

    Run again = Run.of("ingest", SampleData.CLEAN.toString(), "--db", db.toString());
    assertThat(again.exit()).isZero();
    assertThat(again.out()).startsWith("Unchanged: the upload is identical to load 1");

    Path changed = SampleData.copy(SampleData.CLEAN, tmp.resolve("changed"));
    List<String> lines = Files.readAllLines(changed.resolve("admissions.csv"));
    Files.write(changed.resolve("admissions.csv"), lines.subList(0, lines.size() - 1));
    Run second = Run.of("ingest", changed.toString(), "--db", db.toString(), "--format", "json");
    assertThat(second.exit()).isZero();
    JsonNode r = new ObjectMapper().readTree(second.out());
    assertThat(r.get("outcome").asText()).isEqualTo("stored");
    assertThat(r.get("load").get("load").asInt()).isEqualTo(2);
    assertThat(r.get("load").get("files").get("admissions.csv").get("removed").asInt())
        .isEqualTo(1);

    Run loads = Run.of("loads", "--db", db.toString(), "--format", "json");
    JsonNode list = new ObjectMapper().readTree(loads.out());
    assertThat(list).hasSize(2);
    for (JsonNode l : list) {
      assertThat(l.has("load") && l.has("sha256") && l.has("loaded_at") && l.has("rows")).isTrue();
    }
    assertThat(list.get(0).get("rows").asLong()).isEqualTo(list.get(1).get("rows").asLong() + 1);
    assertThat(Run.of("loads", "--db", db.toString()).out()).contains("admissions +0 ~0 -1");

    // The warnings stored with load 1 are those validation reported, ready for site queries.
    Run validated = Run.of("validate", SampleData.CLEAN.toString(), "--format", "csv");
    Run stored = Run.of("warnings", "--db", db.toString(), "--load", "1", "--format", "csv");
    assertThat(stored.exit()).isZero();
    assertThat(stored.out()).isEqualTo(validated.out());
    assertThat(Run.of("warnings", "--db", db.toString(), "--load", "7").err())
        .contains("there is no load 7");
  }

  @Test
  void anUploadWithErrorsLeavesTheStoreByteForByteAsItWas() throws Exception {
    Path db = tmp.resolve("trial.db");
    assertThat(Run.of("ingest", SampleData.CLEAN.toString(), "--db", db.toString()).exit())
        .isZero();
    String before = sha256(db);
    Run bad = Run.of("ingest", SampleData.DIRTY.toString(), "--db", db.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out()).contains("INVALID", "Nothing was stored");
    assertThat(sha256(db)).isEqualTo(before);
    assertThat(Files.exists(tmp.resolve("trial.db-journal"))).isFalse();
  }

  @Test
  void aRejectedFirstUploadCreatesNoStore() {
    Path db = tmp.resolve("new.db");
    assertThat(Run.of("ingest", SampleData.DIRTY.toString(), "--db", db.toString()).exit())
        .isEqualTo(1);
    assertThat(tmp.toFile().list()).isEmpty();
  }

  @Test
  void aFileThatIsNotAStoreIsAClearErrorNotAStackTrace() throws Exception {
    Path db = tmp.resolve("notes.db");
    Files.writeString(
        db, "these are not the droids you are looking for, nor a SQLite database, at all");
    Run r = Run.of("ingest", SampleData.CLEAN.toString(), "--db", db.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("odtrial ingest: error:")
        .contains("not an odtrial store")
        .doesNotContain("\tat ");
    assertThat(Run.of("loads", "--db", tmp.resolve("missing.db").toString()).exit()).isEqualTo(2);
    Run noFolder =
        Run.of(
            "ingest", SampleData.CLEAN.toString(), "--db", tmp.resolve("no/such/x.db").toString());
    assertThat(noFolder.exit()).isEqualTo(2);
    assertThat(noFolder.err()).contains("the folder of the store").doesNotContain(".new");
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
