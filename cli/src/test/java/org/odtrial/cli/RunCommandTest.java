package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.store.SiteUpload;

class RunCommandTest {
  @TempDir Path tmp;

  @Test
  void runWritesWhatIngestAnalyseAndReportWriteOneAfterTheOther() throws Exception {
    Path db = tmp.resolve("trial.db");
    Path out = tmp.resolve("out");
    Run run = run(SampleData.CLEAN, db, out);
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out())
        .contains("Stored load 1 in " + db)
        .contains("relapse.cox")
        .contains("Wrote " + out.resolve("results").resolve("results.json"))
        .contains("Open " + out.resolve("report").resolve("report.html"));
    assertThat(run.err()).isEmpty();

    // the same files as the separate commands write from the same upload (ingested once per JVM)
    Path results = IngestedSample.analysed().dir();
    Path report = IngestedSample.report().dir();
    assertThat(AnalyseAndReportCommandTest.hashes(out.resolve("results")))
        .isEqualTo(AnalyseAndReportCommandTest.hashes(results))
        .containsKeys("results.json", "results.csv", "results.md", "derived.csv");
    assertThat(AnalyseAndReportCommandTest.hashes(out.resolve("report")))
        .isEqualTo(AnalyseAndReportCommandTest.hashes(report))
        .containsKeys("report.html", "report.docx", "results.json");

    // the same upload again: not stored again, the latest load analysed, the same files
    Run again = run(SampleData.CLEAN, db, out, "--quiet");
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.out()).contains("Unchanged").doesNotContain("relapse.cox");
    assertThat(AnalyseAndReportCommandTest.hashes(out.resolve("report")))
        .isEqualTo(AnalyseAndReportCommandTest.hashes(report));
  }

  @Test
  void aSiteUploadIsStoredForItsSiteAndTheWholeTrialIsAnalysed() throws Exception {
    Path db = tmp.resolve("trial.db");
    assertThat(Run.of("ingest", SampleData.CLEAN.toString(), "--db", db.toString()).exit())
        .isZero();
    Path t01 = SiteUpload.split(SampleData.NEXT, "T01", tmp.resolve("T01"));
    Path out = tmp.resolve("out");
    Run run = run(t01, db, out, "--site", "T01", "--quiet");
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out()).contains("Stored load 2 of site T01 in ").contains("Report of load 2");

    // the latest load is the whole trial after T01's load: what analyse and report give for it
    Path analysed = tmp.resolve("analysed");
    assertThat(Run.of("analyse", "--db", db.toString(), "--out", analysed.toString()).exit())
        .isZero();
    assertThat(AnalyseAndReportCommandTest.hashes(out.resolve("results")))
        .isEqualTo(AnalyseAndReportCommandTest.hashes(analysed));
    Path reported = tmp.resolve("reported");
    assertThat(Run.of("report", "--db", db.toString(), "--out", reported.toString()).exit())
        .isZero();
    assertThat(AnalyseAndReportCommandTest.hashes(out.resolve("report")))
        .isEqualTo(AnalyseAndReportCommandTest.hashes(reported));

    // another site's records in a --site upload are refused as ingest refuses them
    Run wrong = run(t01, db, tmp.resolve("out2"), "--site", "T02");
    assertThat(wrong.exit()).as(wrong.all()).isEqualTo(1);
    assertThat(tmp.resolve("out2")).doesNotExist();
  }

  @Test
  void aBlindedRunWritesOnlyTheBlindedReport() throws Exception {
    Path db = tmp.resolve("trial.db");
    Path out = tmp.resolve("out");
    Run run = run(SampleData.CLEAN, db, out, "--blinded");
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out())
        .contains("Stored load 1 in ")
        .contains(", blinded: ")
        .doesNotContain("relapse.cox")
        .doesNotContain("TAU");
    assertThat(out.resolve("results")).doesNotExist();
    // the same files as 'report --blinded' writes from the same store (and so the same key)
    Path reported = tmp.resolve("reported");
    Run report = Run.of("report", "--db", db.toString(), "--out", reported.toString(), "--blinded");
    assertThat(report.exit()).as(report.all()).isZero();
    assertThat(AnalyseAndReportCommandTest.hashes(out.resolve("report")))
        .isEqualTo(AnalyseAndReportCommandTest.hashes(reported))
        .containsKeys("report.html", "report.docx");
  }

  @Test
  void anUploadWithErrorsStopsBeforeTheAnalysisWithExitCodeOne() throws Exception {
    Path db = tmp.resolve("trial.db");
    Path out = tmp.resolve("out");
    Run run = run(SampleData.DIRTY, db, out);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("Nothing was stored");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMissingFolderOrOptionIsAUsageError() {
    Path db = tmp.resolve("trial.db");
    Run missing = run(tmp.resolve("nope"), db, Path.of("x"));
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("odtrial run: error: no such folder");
    assertThat(db).doesNotExist();
    assertThat(Run.of("run", SampleData.CLEAN.toString(), "--db", db.toString()).exit())
        .isEqualTo(2);
    assertThat(Files.exists(db)).isFalse();
  }

  /** {@code odtrial run DIR --db DB --out OUT} and more options. */
  private static Run run(Path dir, Path db, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("run", dir.toString(), "--db", db.toString(), "--out", out.toString()));
    args.addAll(List.of(more));
    return Run.of(args.toArray(String[]::new));
  }
}
