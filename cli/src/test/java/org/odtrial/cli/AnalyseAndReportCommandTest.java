package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyseAndReportCommandTest {
  @TempDir static Path tmp;
  static Path db;

  @BeforeAll
  static void ingestTheSampleTrial() {
    db = IngestedSample.copyTo(tmp.resolve("trial.db"));
  }

  @Test
  void analyseWritesEveryRowOfTheDefaultPlan() throws Exception {
    // Same input, same bytes: this analysis's files are compared with those of run (RunCommandTest)
    // and of analyse --quiet on a PostgreSQL store (BothStoresPipelineTest), not again here.
    IngestedSample.Output analysed = IngestedSample.analysed();
    Path a = analysed.dir();
    assertThat(analysed.run().out())
        .contains("relapse.cox", "admissions.nb", "recovery.QPR.m24.lmm", "meetings.fidelity");
    assertThat(hashes(a)).containsKeys("results.json", "results.csv", "results.md", "derived.csv");
    JsonNode r = new ObjectMapper().readTree(a.resolve("results.json").toFile());
    assertThat(r.get("data").get("load").asInt()).isEqualTo(1);
    assertThat(r.get("plan").get("name").asText()).isEqualTo("default");
    List<String> ids = new ArrayList<>();
    r.get("estimates").forEach(e -> ids.add(e.get("id").asText()));
    assertThat(ids)
        .contains(
            "relapse.km",
            "relapse.logrank",
            "relapse.cox",
            "relapse.cox_adjusted",
            "relapse.rmst",
            "admissions.nb",
            "bed_days.nb",
            "recovery.QPR.m12",
            "recovery.QPR.m12.lmm",
            "recovery.QPR.m24",
            "recovery.QPR.m24.lmm",
            "meetings",
            "meetings.fidelity");
    assertThat(Files.readAllLines(a.resolve("derived.csv"))).hasSize(601);
  }

  @Test
  void aShorterHorizonChangesThePlanFingerprint() throws Exception {
    Path out = tmp.resolve("h365");
    assertThat(
            Run.of(
                    "analyse",
                    "--db",
                    db.toString(),
                    "--out",
                    out.toString(),
                    "--horizon-days",
                    "365",
                    "--quiet")
                .exit())
        .isZero();
    JsonNode r = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(r.get("plan").get("horizon_days").asInt()).isEqualTo(365);
    assertThat(r.get("plan").get("sha256").asText())
        .isNotEqualTo(Run.of("plan", "--default", "--sha256").out().strip());
  }

  @Test
  void badLoadsPlansAndStoresAreClearErrors() throws Exception {
    Run noLoad =
        Run.of(
            "analyse", "--db", db.toString(), "--out", tmp.resolve("x").toString(), "--load", "9");
    assertThat(noLoad.exit()).isEqualTo(2);
    assertThat(noLoad.err()).contains("there is no load 9", "loads are 1 to 1");
    Path plan = tmp.resolve("plan.json");
    Files.writeString(plan, "{\"horizon_days\": -1}");
    Run badPlan =
        Run.of(
            "analyse",
            "--db",
            db.toString(),
            "--out",
            tmp.resolve("x").toString(),
            "--plan",
            plan.toString());
    assertThat(badPlan.exit()).isEqualTo(2);
    assertThat(badPlan.err()).contains("horizon_days");
    assertThat(
            Run.of(
                    "report",
                    "--db",
                    tmp.resolve("none.db").toString(),
                    "--out",
                    tmp.resolve("x").toString())
                .exit())
        .isEqualTo(2);
  }

  @Test
  void reportWritesEveryFormatAndBlindedReportsHideTheArmsUntilUnblinded() throws Exception {
    // Same input, same bytes: the report's files are compared with run's (RunCommandTest) and in
    // ReportReproducibilityTest (a second run under another locale and time zone); not again here.
    Path blindedStore = tmp.resolve("blinded.db");
    Files.copy(db, blindedStore);
    IngestedSample.Output report = IngestedSample.report();
    Path r1 = report.dir();
    assertThat(report.run().out()).contains("report.html");
    assertThat(hashes(r1))
        .containsKeys(
            "report.html",
            "report.docx",
            "report.tex",
            "report.md",
            "results.json",
            "figure-2-km.svg",
            "figure-3-cif.svg",
            "figure-4-forest.png");

    assertThat(Run.of("unblind", "--db", blindedStore.toString(), "--reason", "none yet").exit())
        .isEqualTo(2);
    Path b = tmp.resolve("blind");
    assertThat(
            Run.of("report", "--db", blindedStore.toString(), "--out", b.toString(), "--blinded")
                .exit())
        .isZero();
    try (Stream<Path> files = Files.list(b)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        assertThat(name).doesNotContainPattern("(?i)\\b(od|tau)\\b");
        if (name.endsWith(".json")
            || name.endsWith(".csv")
            || name.endsWith(".md")
            || name.endsWith(".html")) {
          assertThat(Files.readString(f, StandardCharsets.UTF_8))
              .as(name)
              .doesNotContainPattern("\\b(OD|TAU)\\b")
              .doesNotContain("Open Dialogue");
        }
      }
    }
    JsonNode blinded = new ObjectMapper().readTree(b.resolve("results.json").toFile());
    assertThat(blinded.get("data").get("blinded").asBoolean()).isTrue();

    // unblinding waits for the database lock
    Run early = Run.of("unblind", "--db", blindedStore.toString(), "--reason", "final analysis");
    assertThat(early.exit()).isEqualTo(2);
    assertThat(early.err()).contains("not locked", "--force");
    assertThat(
            Run.of("lock", "--db", blindedStore.toString(), "--reason", "all queries resolved")
                .exit())
        .isZero();
    Run unblind = Run.of("unblind", "--db", blindedStore.toString(), "--reason", "final analysis");
    assertThat(unblind.exit()).isZero();
    assertThat(unblind.out()).containsPattern("Arm [AB] = OD").contains("Recorded");
    // The unblinded label of OD carries OD's numbers: the same KM estimate at 365 days.
    String odLabel = unblind.out().substring(0, 5);
    JsonNode open = new ObjectMapper().readTree(r1.resolve("results.json").toFile());
    assertThat(km365(blinded, odLabel)).isEqualTo(km365(open, "OD"));
  }

  private static double km365(JsonNode results, String arm) {
    for (JsonNode e : results.get("estimates")) {
      if (e.get("id").asText().equals("relapse.km")
          && e.get("arm").asText().equals(arm)
          && e.get("time_days").asInt() == 365) {
        return e.get("estimate").asDouble();
      }
    }
    throw new AssertionError("no relapse.km row for " + arm);
  }

  static Map<String, String> hashes(Path dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        out.put(f.getFileName().toString(), IngestCommandTest.sha256(f));
      }
    }
    return out;
  }
}
