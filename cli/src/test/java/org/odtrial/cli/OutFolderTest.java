package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output folder that cannot be written (a file of that name, or a file on its path) and a bad
 * plan are found before a command does anything: {@code run} stores no load, {@code report} records
 * no report in the store's history, {@code analyse} and {@code simulate} compute nothing only to
 * lose it; the message names the option and the file.
 */
class OutFolderTest {
  @TempDir Path tmp;

  /** A file where a folder is expected. */
  private Path aFile() throws Exception {
    return Files.writeString(tmp.resolve("notes.txt"), "not a folder\n");
  }

  private static void assertSameBytes(Path db, byte[] before) throws Exception {
    assertThat(Arrays.equals(Files.readAllBytes(db), before))
        .as("%s is byte for byte as it was", db)
        .isTrue();
  }

  @Test
  void runChecksOutAndThePlanBeforeItStoresTheUpload() throws Exception {
    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    byte[] before = Files.readAllBytes(db);
    Path file = aFile();

    Run onFile =
        Run.of("run", SampleData.NEXT.toString(), "--db", db.toString(), "--out", file.toString());
    assertThat(onFile.exit()).as(onFile.all()).isEqualTo(2);
    assertThat(onFile.err())
        .contains("odtrial run: error: --out " + file + " is a file, not a folder")
        .contains("nothing was stored")
        .doesNotContain("\tat ");
    assertSameBytes(db, before);

    Run underFile =
        Run.of(
            "run",
            SampleData.NEXT.toString(),
            "--db",
            db.toString(),
            "--out",
            file.resolve("out").toString(),
            "--blinded");
    assertThat(underFile.exit()).as(underFile.all()).isEqualTo(2);
    assertThat(underFile.err()).contains("cannot be a folder: " + file + " is a file");
    assertSameBytes(db, before);

    Path plan = Files.writeString(tmp.resolve("plan.json"), "{\"horizon_days\": -1}");
    Run badPlan =
        Run.of(
            "run",
            SampleData.NEXT.toString(),
            "--db",
            db.toString(),
            "--out",
            tmp.resolve("out").toString(),
            "--plan",
            plan.toString());
    assertThat(badPlan.exit()).as(badPlan.all()).isEqualTo(2);
    assertThat(badPlan.err()).contains("horizon_days");
    assertSameBytes(db, before);

    Run badHorizon =
        Run.of(
            "run",
            SampleData.NEXT.toString(),
            "--db",
            db.toString(),
            "--out",
            tmp.resolve("out").toString(),
            "--horizon-days",
            "0");
    assertThat(badHorizon.exit()).as(badHorizon.all()).isEqualTo(2);
    assertSameBytes(db, before);
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void reportRecordsNoReportItCannotWrite() throws Exception {
    Path file = aFile();
    // a blinded trial: an unblinded report is recorded in the history before it is written
    Path blinded = IngestedSample.blindedCopyTo(tmp.resolve("blinded.db"));
    byte[] before = Files.readAllBytes(blinded);
    Run unblinded = Run.of("report", "--db", blinded.toString(), "--out", file.toString());
    assertThat(unblinded.exit()).as(unblinded.all()).isEqualTo(2);
    assertThat(unblinded.err())
        .contains("odtrial report: error: --out " + file + " is a file, not a folder");
    assertSameBytes(blinded, before);

    // a first blinded report makes the blinding key
    Path fresh = IngestedSample.copyTo(tmp.resolve("fresh.db"));
    byte[] freshBefore = Files.readAllBytes(fresh);
    Run blindedReport =
        Run.of(
            "report",
            "--db",
            fresh.toString(),
            "--out",
            file.resolve("report").toString(),
            "--blinded");
    assertThat(blindedReport.exit()).as(blindedReport.all()).isEqualTo(2);
    assertSameBytes(fresh, freshBefore);
  }

  @Test
  void analyseSimulateAndGenerateNameTheFileInTheWay() throws Exception {
    Path file = aFile();
    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    Run analyse = Run.of("analyse", "--db", db.toString(), "--out", file.toString());
    assertThat(analyse.exit()).isEqualTo(2);
    assertThat(analyse.err())
        .isEqualTo(
            "odtrial analyse: error: --out "
                + file
                + " is a file, not a folder; give the"
                + " folder to write into"
                + System.lineSeparator());
    Run export =
        Run.of(
            "analyse",
            "--db",
            db.toString(),
            "--out",
            tmp.resolve("a").toString(),
            "--export-imputations",
            file.toString());
    assertThat(export.exit()).isEqualTo(2);
    assertThat(export.err()).contains("--export-imputations " + file + " is a file, not a folder");
    assertThat(tmp.resolve("a")).doesNotExist();

    Run simulate =
        Run.of(
            "simulate",
            "--clusters",
            "4",
            "--participants",
            "40",
            "--reps",
            "1",
            "--seed",
            "1",
            "--out",
            file.toString());
    assertThat(simulate.exit()).isEqualTo(2);
    assertThat(simulate.err()).contains("odtrial simulate: error: --out " + file + " is a file");
    assertThat(simulate.out()).isEmpty();

    Run generate =
        Run.of(
            "generate",
            "--clusters",
            "4",
            "--participants",
            "40",
            "--seed",
            "1",
            "--out",
            file.toString());
    assertThat(generate.exit()).isEqualTo(2);
    assertThat(generate.err()).contains("odtrial generate: error: --out " + file + " is a file");
  }

  @Test
  void aNewStoreInAFolderThatCannotBeWrittenIsNamedNotItsTemporaryFile() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("read-only"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    // root writes in any folder but an immutable one (CI runs as root)
    boolean immutable = Files.isWritable(folder) && chattr("+i", folder);
    try {
      Assumptions.assumeFalse(Files.isWritable(folder), "a folder this user cannot write");
      Path db = folder.resolve("trial.db");
      Run r = Run.of("ingest", SampleData.CLEAN.toString(), "--db", db.toString());
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "odtrial ingest: error: cannot create the store "
                  + db
                  + ": its folder "
                  + folder
                  + " cannot be written (permissions, or a read-only file system)"
                  + System.lineSeparator());
    } finally {
      if (immutable) {
        chattr("-i", folder);
      }
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private static boolean chattr(String flag, Path folder) throws Exception {
    return new ProcessBuilder("chattr", flag, folder.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor()
        == 0;
  }

  @Test
  void aFileInTheWayOfAFolderIsNamedAsSuchNotOnlyByItsPath() throws Exception {
    Path file = aFile();
    // demo makes its work folder as it goes: the general message for a file in the way
    Run demo = Run.of("demo", "--data", SampleData.CLEAN.toString(), "--work", file.toString());
    assertThat(demo.exit()).isEqualTo(2);
    assertThat(demo.err())
        .isEqualTo(
            "odtrial demo: error: " + file + " is a file, not a folder" + System.lineSeparator());
  }
}
