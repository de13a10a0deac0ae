package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.analysis.results.ResultsJson;

/**
 * {@code report --results}: the report of an analysis already run, computing no model. It gives the
 * very files {@code report} gives for the same load and plan, blinded or not, and refuses results
 * that are not those of the load and plan in force, writing nothing.
 */
class ReportFromResultsTest {
  @TempDir Path tmp;

  /** results.json of {@code analyse} of the sample's load 1 under the default plan. */
  private static Path analysed() {
    return IngestedSample.analysed().dir().resolve("results.json");
  }

  /** {@code report --db DB --out TMP/OUT MORE...}. */
  private Run report(Path db, String out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("report", "--db", db.toString(), "--out", tmp.resolve(out).toString()));
    args.addAll(List.of(more));
    return Run.of(args.toArray(String[]::new));
  }

  @Test
  void theSamplesResultsReadBackToTheirOwnBytes() throws Exception {
    String json = Files.readString(analysed(), StandardCharsets.UTF_8);
    assertThat(ResultsJson.toJson(ResultsJson.read(analysed()))).isEqualTo(json);
  }

  @Test
  void reportingTheAnalysisGivesTheFilesOfTheReportThatAnalysesAgain() throws Exception {
    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    // the folder analyse wrote, as a user would give it
    Run r = report(db, "from-results", "--results", analysed().getParent().toString());
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("Report of load 1", "report.html");
    Map<String, String> want = AnalyseAndReportCommandTest.hashes(IngestedSample.report().dir());
    assertThat(want).containsKeys("report.html", "report.docx", "results.json");
    assertThat(AnalyseAndReportCommandTest.hashes(tmp.resolve("from-results"))).isEqualTo(want);
    // results.json beside the report is analyse's own
    assertThat(tmp.resolve("from-results/results.json")).hasSameBinaryContentAs(analysed());
  }

  @Test
  void aBlindedReportOfTheResultsIsTheBlindedReport() throws Exception {
    // a store that already has its blinding key, so both reports draw the same labels
    Path db = IngestedSample.blindedCopyTo(tmp.resolve("trial.db"));
    assertThat(report(db, "analysed", "--blinded").exit()).isZero();
    Run r = report(db, "from-results", "--blinded", "--results", analysed().toString());
    assertThat(r.exit()).as(r.all()).isZero();
    Map<String, String> want = AnalyseAndReportCommandTest.hashes(tmp.resolve("analysed"));
    assertThat(want).containsKeys("report.html", "report.docx", "results.json");
    assertThat(AnalyseAndReportCommandTest.hashes(tmp.resolve("from-results"))).isEqualTo(want);
    // the blinded results.json reads back to its own bytes too
    Path blinded = tmp.resolve("analysed/results.json");
    assertThat(ResultsJson.toJson(ResultsJson.read(blinded)))
        .isEqualTo(Files.readString(blinded, StandardCharsets.UTF_8));
  }

  /** A refused report: exit 2, the message, and no report folder. */
  private void refused(Run r, String... message) {
    assertThat(r.exit()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).contains(message).doesNotContain("Exception", "\tat ");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void blindedResultsAreRefusedForEitherReport() throws Exception {
    Path db = IngestedSample.blindedCopyTo(tmp.resolve("trial.db"));
    assertThat(report(db, "blinded", "--blinded").exit()).isZero();
    Path blinded = tmp.resolve("blinded/results.json");
    refused(
        report(db, "out", "--results", blinded.toString()),
        "holds blinded results (written beside a blinded report): they cannot be unblinded",
        "report from the results.json that 'odtrial analyse' wrote");
    refused(
        report(db, "out", "--blinded", "--results", blinded.toString()),
        "holds blinded results",
        "(--blinded blinds it)");
  }

  @Test
  void aBlindedReportIsNotWrittenOverTheResultsItReports() throws Exception {
    Path db = IngestedSample.blindedCopyTo(tmp.resolve("trial.db"));
    Path final1 = tmp.resolve("final");
    Files.createDirectories(final1);
    Files.copy(analysed(), final1.resolve("results.json"));
    Run r = report(db, "final", "--blinded", "--results", final1.toString());
    assertThat(r.exit()).as(r.all()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "is the folder of",
            "a blinded report there would replace the analysis's results.json with its blinded"
                + " copy");
    assertThat(final1.resolve("results.json")).hasSameBinaryContentAs(analysed());
    try (var files = Files.list(final1)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void resultsOfAnotherPlanOrHorizonAreRefused() throws Exception {
    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    String results = analysed().toString();
    refused(
        report(db, "out", "--results", results, "--horizon-days", "365"),
        "was computed with horizon_days 730, the plan in force here has 365",
        "--horizon-days 730");
    Path plan = tmp.resolve("plan.json");
    Files.writeString(plan, "{\"name\": \"mine\", \"km_times_days\": [180, 365, 730]}");
    refused(
        report(db, "out", "--results", results, "--plan", plan.toString()),
        "was computed under plan default (sha256 ",
        "not under the plan in force here, mine (sha256 ",
        "give the analysis's plan with --plan FILE (or leave --plan out for the default)");
    // and the other way round: results of that plan under the default one
    Path mine = tmp.resolve("mine");
    assertThat(
            Run.of(
                    "analyse",
                    "--db",
                    db.toString(),
                    "--out",
                    mine.toString(),
                    "--plan",
                    plan.toString(),
                    "--quiet")
                .exit())
        .isZero();
    refused(
        report(db, "out", "--results", mine.toString()),
        "was computed under plan mine",
        "not under the plan in force here, the default plan",
        "give the analysis's plan with --plan FILE");
    Run ok = report(db, "mine-report", "--results", mine.toString(), "--plan", plan.toString());
    assertThat(ok.exit()).as(ok.all()).isZero();
    assertThat(ok.out()).contains("plan mine");
  }

  @Test
  void resultsOfAnotherLoadOrUploadAreRefused() throws Exception {
    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    Run next = Run.of("ingest", SampleData.NEXT.toString(), "--db", db.toString());
    assertThat(next.exit()).as(next.all()).isZero();
    refused(
        report(db, "out", "--results", analysed().toString(), "--load", "2"),
        "holds the results of load 1, not of load 2: leave --load out to report load 1, or"
            + " analyse load 2 first");
    refused(
        report(db, "out", "--results", analysed().toString(), "--load", "3"), "there is no load 3");
    // load 1 of another store: same number, another upload
    String json = Files.readString(analysed(), StandardCharsets.UTF_8);
    String sha = json.replaceAll("(?s).*\"data\": \\{[^}]*\"sha256\": \"([0-9a-f]{64})\".*", "$1");
    assertThat(sha).hasSize(64);
    Path other = tmp.resolve("other.json");
    Files.writeString(other, json.replace(sha, "0".repeat(64)), StandardCharsets.UTF_8);
    refused(
        report(db, "out", "--results", other.toString()),
        "holds the results of a load 1 whose upload has sha256 000000000000, but load 1 of",
        "is another upload (sha256 " + sha.substring(0, 12) + ")");
    // without --load, the results' own load is reported, not the latest
    Run ok = report(db, "load1", "--results", analysed().toString());
    assertThat(ok.exit()).as(ok.all()).isZero();
    assertThat(ok.out()).contains("Report of load 1 (sha256 " + sha.substring(0, 12) + ")");
  }

  @Test
  void resultsOfAnEarlierOdtrialAreReportedAsTheyAre() throws Exception {
    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    String json = Files.readString(analysed(), StandardCharsets.UTF_8);
    String version = "\"odtrial_version\": \"" + Version.get() + "\"";
    assertThat(json).contains(version);
    Path earlier = tmp.resolve("earlier.json");
    Files.writeString(
        earlier, json.replace(version, "\"odtrial_version\": \"0.9.0\""), StandardCharsets.UTF_8);
    Run r = report(db, "earlier", "--results", earlier.toString());
    assertThat(r.exit()).as(r.all()).isZero();
    // results.json beside the report keeps the version that computed the numbers
    assertThat(tmp.resolve("earlier/results.json")).hasSameBinaryContentAs(earlier);
  }

  @Test
  void filesThatAreNotResultsAreClearErrors() throws Exception {
    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    refused(
        report(db, "out", "--results", tmp.resolve("none.json").toString()),
        "no such results file: ",
        "give the results.json that 'odtrial analyse' wrote, or its folder");
    refused(
        report(db, "out", "--results", tmp.toString()),
        "no such results file: " + tmp.resolve("results.json"));
    String json = Files.readString(analysed(), StandardCharsets.UTF_8);
    Path cut = tmp.resolve("cut.json");
    Files.writeString(cut, json.substring(0, json.length() / 2), StandardCharsets.UTF_8);
    refused(
        report(db, "out", "--results", cut.toString()),
        "cut.json: not a results.json: invalid JSON at line ");
    Path plan = tmp.resolve("plan.json");
    Files.writeString(plan, Run.of("plan", "--default").out(), StandardCharsets.UTF_8);
    refused(
        report(db, "out", "--results", plan.toString()),
        "plan.json: not a results.json of odtrial: the file: unknown key \"plan_version\"");
    Path csv = tmp.resolve("results.csv");
    Files.copy(IngestedSample.analysed().dir().resolve("results.csv"), csv);
    refused(
        report(db, "out", "--results", csv.toString()),
        "results.csv: not a results.json: invalid JSON");
  }

  @Test
  void aStoreEditedSinceTheAnalysisIsRefusedAsForAnyReport() throws Exception {
    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute(
          "UPDATE clusters SET arm = CASE arm WHEN 'OD' THEN 'TAU' ELSE 'OD' END WHERE rowid = 1");
    }
    Run r = report(db, "out", "--results", analysed().toString());
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).contains("load 1 of trial.db no longer matches its seal");
    assertThat(tmp.resolve("out")).doesNotExist();
  }
}
