package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.SiteUpload;
import org.odtrial.ingest.store.StoreSettings;
import org.odtrial.ingest.store.TrialStore;

/**
 * Rule {@code emptied-file}: a file holding its header only, uploaded to a store whose current data
 * (the site's, with --site) has records of it, is an error and stores nothing, since the load would
 * remove all of them; {@code --allow-emptied} stores it all the same. On both stores.
 */
class EmptiedFileTest {
  @TempDir static Path tmp;
  private static final AtomicInteger dirs = new AtomicInteger();

  private static String newStore(String kind) {
    return ServerStore.newStore(kind, tmp);
  }

  /** A copy of {@code from} in which the files {@code emptied} hold their header only. */
  private static Path copy(Path from, TrialFile... emptied) throws IOException {
    Path to = Files.createDirectories(tmp.resolve("upload-" + dirs.incrementAndGet()));
    List<TrialFile> empty = List.of(emptied);
    for (TrialFile f : TrialFile.values()) {
      List<String[]> rows = SiteUpload.rows(from, f);
      SiteUpload.write(to, f, empty.contains(f) ? List.<String[]>of(rows.get(0)) : rows);
    }
    return to;
  }

  private static Run ingest(Path dir, String db, String... more) {
    List<String> args = new ArrayList<>(List.of("ingest", dir.toString(), "--db", db));
    args.addAll(List.of(more));
    return Run.of(args.toArray(String[]::new));
  }

  private static int loads(String db) {
    try (TrialStore store = TrialStore.open(db, StoreSettings.DEFAULT)) {
      return store.loads().size();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anUploadOfHeadersOnlyIsRefusedUnlessAllowed(String kind) throws IOException {
    String db = newStore(kind);
    Path headers = copy(SampleData.CLEAN, TrialFile.values());
    // into an empty store it empties nothing: a first upload may have no records at all
    String fresh = newStore(kind);
    assertThat(ingest(headers, fresh).exit()).isZero();

    assertThat(ingest(SampleData.CLEAN, db).exit()).isZero();
    Run refused = ingest(headers, db);
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    for (TrialFile f : TrialFile.values()) {
      assertThat(refused.out())
          .contains(
              f.fileName()
                  + " has no records, but the trial's current data has "
                  + f.tableName().replace('_', ' ')
                  + ": storing this upload would remove every one of them");
    }
    assertThat(refused.out()).contains("ingest it with --allow-emptied");
    assertThat(loads(db)).isEqualTo(1);

    Run allowed = ingest(headers, db, "--allow-emptied");
    assertThat(allowed.exit()).as(allowed.all()).isZero();
    assertThat(allowed.out()).contains("Stored load 2", "participants +0 ~0 -600");
    assertThat(Run.of("verify", "--db", db).exit()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void oneEmptiedFileIsOneFindingOnItsHeader(String kind) throws IOException {
    String db = newStore(kind);
    assertThat(ingest(SampleData.CLEAN, db).exit()).isZero();
    Run r = ingest(copy(SampleData.CLEAN, TrialFile.OUTCOMES), db, "--format", "json");
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "\"file\": \"outcomes.csv\"",
            "\"line\": 1",
            "\"rule\": \"emptied-file\"",
            "\"errors\": 1");
    assertThat(loads(db)).isEqualTo(1);
  }

  @Test
  void runRefusesAnEmptiedFileAsIngestDoesAndTakesTheSameOption() throws IOException {
    String db = newStore("sqlite");
    assertThat(ingest(SampleData.CLEAN, db).exit()).isZero();
    Path noAdmissions = copy(SampleData.CLEAN, TrialFile.ADMISSIONS);
    Path out = tmp.resolve("run-" + dirs.incrementAndGet());
    Run refused = Run.of("run", noAdmissions.toString(), "--db", db, "--out", out.toString());
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.out()).contains("admissions.csv has no records");
    assertThat(out.resolve("results")).doesNotExist();

    Run allowed =
        Run.of(
            "run",
            noAdmissions.toString(),
            "--db",
            db,
            "--out",
            out.toString(),
            "--quiet",
            "--allow-emptied");
    assertThat(allowed.exit()).as(allowed.all()).isZero();
    assertThat(allowed.out()).contains("admissions +0 ~0 -", "Report of load 2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aSiteIsCheckedAgainstItsOwnRecordsOnly(String kind) throws IOException {
    String db = newStore(kind);
    assertThat(ingest(SampleData.CLEAN, db).exit()).isZero();
    Path t03 = SiteUpload.split(SampleData.CLEAN, "T03", tmp.resolve("t03-" + kind));

    Run refused = ingest(copy(t03, TrialFile.OUTCOMES), db, "--site", "T03");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.out())
        .contains("outcomes.csv has no records, but site T03's current data has outcomes");

    // T03 without admissions: its upload without any empties nothing, though other sites have some
    Path noAdmissions = copy(t03, TrialFile.ADMISSIONS);
    Run first = ingest(noAdmissions, db, "--site", "T03", "--allow-emptied");
    assertThat(first.exit()).as(first.all()).isZero();
    Run again =
        ingest(copy(noAdmissions, TrialFile.ADMISSIONS, TrialFile.OUTCOMES), db, "--site", "T03");
    assertThat(again.exit()).as(again.all()).isEqualTo(1);
    assertThat(again.out())
        .contains("outcomes.csv has no records")
        .doesNotContain("admissions.csv has no records");
    assertThat(loads(db)).isEqualTo(2);
  }
}
