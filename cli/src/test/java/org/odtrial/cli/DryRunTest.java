package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.SiteUpload;

/**
 * {@code odtrial ingest --dry-run}: the whole ingest, the checks against the store included, then
 * nothing stored; what it says it would change is what the real ingest then changes. On both
 * stores.
 */
class DryRunTest {
  @TempDir static Path tmp;

  /** What a user can see of a store: its loads, queries and history, and that its seals hold. */
  private static String state(String db) {
    Run verify = Run.of("verify", "--db", db);
    assertThat(verify.exit()).as(verify.all()).isZero();
    return String.join(
        "\n",
        Run.of("loads", "--db", db, "--format", "json").out(),
        Run.of("queries", "--db", db, "--status", "all", "--format", "csv").out(),
        Run.of("history", "--db", db).out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aDryRunStoresNothingAndSaysWhatTheIngestThenDoes(String kind) {
    String db = ServerStore.newStore(kind, tmp);
    assertThat(Run.of("ingest", SampleData.CLEAN.toString(), "--db", db).exit()).isZero();
    String before = state(db);
    String bytes = kind.equals("sqlite") ? sha256(Path.of(db)) : null;

    Run dry = Run.of("ingest", SampleData.NEXT.toString(), "--db", db, "--dry-run");
    assertThat(dry.exit()).as(dry.all()).isZero();
    String changes = "participants +0 ~1 -0, network_meetings +0 ~3 -0";
    assertThat(dry.out())
        .contains(
            "Dry run: load 2 would be stored in ",
            "Changes it would make: " + changes,
            "Nothing was stored (--dry-run).")
        .doesNotContain("Stored load");
    assertThat(state(db)).isEqualTo(before);
    if (bytes != null) {
      assertThat(sha256(Path.of(db))).isEqualTo(bytes);
    }

    Run real = Run.of("ingest", SampleData.NEXT.toString(), "--db", db);
    assertThat(real.exit()).as(real.all()).isZero();
    assertThat(real.out()).contains("Stored load 2 in ", "Changes: " + changes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aSitesUploadIsCheckedAgainstTheTrialWithoutBeingStored(String kind) throws IOException {
    String db = ServerStore.newStore(kind, tmp);
    assertThat(Run.of("ingest", SampleData.CLEAN.toString(), "--db", db).exit()).isZero();
    Path t03 = SiteUpload.split(SampleData.CLEAN, "T03", tmp.resolve("t03-" + kind));
    List<String[]> participants = SiteUpload.rows(t03, TrialFile.PARTICIPANTS);
    String[] intruder = participants.get(1).clone();
    intruder[0] = "P9999";
    intruder[1] = "GP001"; // a cluster of T01
    participants.add(intruder);
    SiteUpload.write(t03, TrialFile.PARTICIPANTS, participants);
    String before = state(db);

    Run dry =
        Run.of(
            "ingest", t03.toString(), "--db", db, "--site", "T03", "--dry-run", "--format", "json");
    assertThat(dry.exit()).as(dry.all()).isEqualTo(1);
    assertThat(dry.out())
        .contains("\"outcome\": \"rejected\"", "cluster_id 'GP001' is a cluster of site 'T01'");
    assertThat(state(db)).isEqualTo(before);
  }

  @Test
  void aDryRunIntoAStoreThatDoesNotExistCreatesNone() {
    Path db = tmp.resolve("never.db");
    Run dry = Run.of("ingest", SampleData.CLEAN.toString(), "--db", db.toString(), "--dry-run");
    assertThat(dry.exit()).as(dry.all()).isZero();
    assertThat(dry.out()).contains("Dry run: load 1 would be stored", "participants +600 ~0 -0");
    assertThat(db).doesNotExist();
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("never.db"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
