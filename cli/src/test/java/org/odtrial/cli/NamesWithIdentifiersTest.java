package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;

/**
 * Names a user chose (an answered query list's file name, an upload folder) that look like a direct
 * identifier are neither printed nor kept in the store's history.
 */
class NamesWithIdentifiersTest {
  private static final String NHS = "943 476 5919";

  @TempDir Path tmp;

  @Test
  void anUploadFolderNamedAfterAnNhsNumberIsNotRepeatedInTheHintForEveryFinding() throws Exception {
    String number = NHS.replace(" ", "");
    Path upload = Files.createDirectories(tmp.resolve(number));
    for (TrialFile f : TrialFile.values()) {
      Files.copy(SampleData.DIRTY.resolve(f.fileName()), upload.resolve(f.fileName()));
    }
    Run validate = Run.of("validate", upload.toString());
    assertThat(validate.exit()).isEqualTo(1);
    // the hint is there (more findings than the text shows), without the folder's name
    assertThat(validate.out())
        .contains("the upload folder's name looks like an NHS number")
        .contains("findings are not shown above; every one: odtrial validate ")
        .doesNotContain(number);
    Path html = tmp.resolve("quality.html");
    assertThat(
            Run.of("validate", upload.toString(), "--format", "html", "-o", html.toString()).exit())
        .isEqualTo(1);
    assertThat(Files.readString(html)).doesNotContain(number);

    Path db = tmp.resolve("trial.db");
    Run ingest = Run.of("ingest", upload.toString(), "--db", db.toString());
    assertThat(ingest.exit()).isEqualTo(1);
    assertThat(ingest.out()).contains("every one: odtrial validate ").doesNotContain(number);
    assertThat(db).doesNotExist();
  }

  @Test
  void storesAndOutputFoldersNamedAfterAnNhsNumberAreNotPrinted() throws Exception {
    String number = NHS.replace(" ", "");
    Path folder = Files.createDirectories(tmp.resolve(number));
    String db = folder.resolve("trial.db").toString();
    List<Run> runs =
        List.of(
            Run.of("ingest", SampleData.CLEAN.toString(), "--db", db),
            Run.of("loads", "--db", db),
            Run.of(
                "validate",
                SampleData.CLEAN.toString(),
                "--split-by-site",
                folder.resolve("validated").toString()),
            Run.of("queries", "--db", db, "--split-by-site", folder.resolve("lists").toString()),
            Run.of("analyse", "--db", db, "--out", folder.resolve("results").toString(), "--quiet"),
            Run.of(
                "generate",
                "--out",
                folder.resolve("generated").toString(),
                "--clusters",
                "4",
                "--participants",
                "40"),
            Run.of("diff", "--db", db, "--to", "1"),
            Run.of("report", "--db", db, "--out", folder.resolve("report").toString()),
            Run.of("queries", "--db", db),
            Run.of("verify", "--db", db),
            // picocli quotes the arguments it cannot match
            Run.of("backup", "--db", db),
            Run.of("ingest", "--nope", folder.toString()));
    for (Run r : runs) {
      assertThat(r.all()).doesNotContain(number);
    }
    assertThat(runs.get(0).out()).contains("Stored load 1 in ", "[NHS number removed]");
    assertThat(runs.get(0).exit()).isZero();
    assertThat(runs.get(4).exit()).as(runs.get(4).all()).isZero();
    assertThat(runs.get(7).exit()).as(runs.get(7).all()).isZero();
    assertThat(runs.get(10).err()).contains("Unmatched arguments", "[NHS number removed]");
    assertThat(runs.get(11).exit()).isEqualTo(2);
  }

  @Test
  void anAnsweredListNamedAfterAnNhsNumberIsImportedWithoutTheName() throws Exception {
    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    Path lists = tmp.resolve("lists");
    assertThat(Run.of("queries", "--db", db.toString(), "--split-by-site", lists.toString()).exit())
        .isZero();
    List<String> csv = Files.readAllLines(lists.resolve("site-T01.csv"));

    Path typo = tmp.resolve("answers " + NHS + " typo.csv");
    csv.set(1, csv.get(1).replace(",new,", ",confrimed,"));
    Files.write(typo, csv, StandardCharsets.UTF_8);
    Run bad = Run.of("queries", "import", typo.toString(), "--db", db.toString());
    assertThat(bad.exit()).as(bad.all()).isEqualTo(1);
    assertThat(bad.out()).contains("line 2, column status", "Nothing was recorded");
    assertThat(bad.all()).doesNotContain(NHS);

    Path answered = tmp.resolve("answers " + NHS + ".csv");
    csv.set(1, csv.get(1).replace(",confrimed,", ",confirmed,"));
    Files.write(answered, csv, StandardCharsets.UTF_8);
    Run ok = Run.of("queries", "import", answered.toString(), "--db", db.toString());
    assertThat(ok.exit()).as(ok.all()).isZero();
    assertThat(ok.out()).contains("Recorded 1 answer from answers ");
    assertThat(ok.all()).doesNotContain(NHS);

    Run history = Run.of("history", "--db", db.toString());
    assertThat(history.exit()).isZero();
    assertThat(history.out()).contains("answers imported from answers ").doesNotContain(NHS);
    assertThat(new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1)).doesNotContain(NHS);
    assertThat(Run.of("verify", "--db", db.toString()).exit()).isZero();
  }
}
