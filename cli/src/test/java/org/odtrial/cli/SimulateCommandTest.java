package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** odtrial simulate and the generator options it shares with odtrial generate. */
class SimulateCommandTest {
  private static final List<String> SMALL =
      List.of("simulate", "--clusters", "6", "--participants", "100", "--reps", "8", "--seed", "4");

  /**
   * The plan the command runs here: the default plan with one questionnaire score instead of four.
   * The command hands any plan to the engine alike (its tests are in the analysis module), and the
   * recovery rows of the other scores were three quarters of each rep's time.
   */
  @TempDir static Path plans;

  private static Path plan;

  @BeforeAll
  static void writePlan() throws IOException {
    plan =
        Files.writeString(
            plans.resolve("plan.json"), "{\"name\": \"small\", \"recovery\": {\"QPR\": [12]}}");
  }

  private static Run simulate(String... more) {
    List<String> args = new ArrayList<>(SMALL);
    args.addAll(List.of("--plan", plan.toString()));
    args.addAll(List.of(more));
    return Run.of(args.toArray(String[]::new));
  }

  @Test
  void oneAndTwoJobsGiveTheSameBytes(@TempDir Path tmp) throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Run one = simulate("--jobs", "1", "--format", "json", "--out", a.toString());
    Run two = simulate("--jobs", "2", "--format", "json", "--out", b.toString());
    assertThat(one.exit()).as(one.err()).isZero();
    assertThat(two.exit()).as(two.err()).isZero();
    assertThat(two.out()).isEqualTo(one.out());
    for (String f : List.of("simulation.json", "simulation.csv", "simulation.html")) {
      assertThat(Files.readAllBytes(b.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(a.resolve(f)));
    }
    assertThat(Files.readString(a.resolve("simulation.json"), StandardCharsets.UTF_8))
        .isEqualTo(one.out());
    JsonNode j = new ObjectMapper().readTree(one.out());
    assertThat(j.get("reps").get("done").asInt()).isEqualTo(8);
    assertThat(j.get("reps").get("interrupted").asBoolean()).isFalse();
    assertThat(j.get("design").get("sites").asInt()).isEqualTo(1);
    assertThat(j.get("design").get("effect_scale").asDouble()).isEqualTo(1.0);
    JsonNode cox = row(j, "relapse.cox");
    assertThat(cox.get("truth").asDouble()).isEqualTo(0.75);
    assertThat(cox.get("scale").asText()).isEqualTo("log");
    assertThat(cox.get("null_holds").asBoolean()).isFalse();
    assertThat(Files.readString(a.resolve("simulation.html"), StandardCharsets.UTF_8))
        .startsWith("<!DOCTYPE html>")
        .contains("<svg", "Coverage of the 95% intervals", "<h2>Power</h2>")
        .doesNotContain("http", "<script", "src=");
  }

  @Test
  void theTableSaysWhatWasSimulatedAndUnderTheNullEveryRejectionIsATypeOneError() {
    Run r = simulate("--null", "--sites", "2", "--jobs", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("Plan small (sha256 ")
        .contains(
            "all 8 of 8 reps (seed 4), each a trial of 6 clusters in 2 sites and 100 participants,"
                + " no effect of OD (the null hypothesis).")
        .contains("relapse.cox (log)", "recovery.QPR.m12.cr2", "type I")
        .doesNotContain("  power");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void csvHasOneLinePerRow(@TempDir Path tmp) throws IOException {
    // one run: the CSV on standard output, the JSON of the same run in --out
    Run csv = simulate("--effect-scale", "0.5", "--format", "csv", "--out", tmp.toString());
    assertThat(csv.exit()).isZero();
    String[] lines = csv.out().split("\n");
    assertThat(lines[0]).startsWith("id,arm,time_days,estimand,scale,truth,null_holds,reps,");
    int rows =
        new ObjectMapper().readTree(tmp.resolve("simulation.json").toFile()).get("rows").size();
    assertThat(rows).isGreaterThan(10);
    assertThat(lines).hasSize(rows + 1);
    assertThat(csv.out()).contains("relapse.cox,,,hazard_ratio,log,0.8660254037844386,false,8,");
  }

  @Test
  void impossibleRequestsAreUsageErrors() {
    Run both = simulate("--null", "--effect-scale", "2");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("--null and --effect-scale exclude each other");
    Run jobs = simulate("--jobs", "0");
    assertThat(jobs.exit()).isEqualTo(2);
    assertThat(jobs.err()).contains("--jobs must be at least 1");
    Run sites = simulate("--sites", "7");
    assertThat(sites.exit()).isEqualTo(2);
    assertThat(sites.err())
        .contains("sites must be between 1 and the number of clusters (6), was 7");
    Run reps =
        Run.of(
            "simulate", "--clusters", "6", "--participants", "100", "--reps", "0", "--seed", "1");
    assertThat(reps.exit()).isEqualTo(2);
    assertThat(reps.err()).contains("reps must be at least 1");
    Run json = simulate("--jobs", "0", "--format", "json");
    assertThat(json.out()).startsWith("{\"error\": {\"exit\": 2");
  }

  /** A trial of 8 clusters, 200 participants and seed 9 written to {@code out}. */
  private static Run generate(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "generate",
                "--out",
                out.toString(),
                "--clusters",
                "8",
                "--participants",
                "200",
                "--seed",
                "9"));
    args.addAll(List.of(more));
    return Run.of(args.toArray(String[]::new));
  }

  @Test
  void generateTakesTheSameDesignOptions(@TempDir Path tmp) throws IOException {
    Run base = generate(tmp.resolve("a"));
    Run same = generate(tmp.resolve("b"), "--sites", "1", "--effect-scale", "1");
    Run none = generate(tmp.resolve("c"), "--null", "--sites", "4");
    assertThat(base.exit()).isZero();
    assertThat(same.exit()).isZero();
    assertThat(none.exit()).as(none.err()).isZero();
    assertThat(base.out())
        .contains("Wrote a trial of 1 sites, 8 clusters and 200 participants to ", "(seed 9):");
    assertThat(none.out()).contains("Wrote a trial of 4 sites", "(seed 9, no effect of OD):");
    for (String f : List.of("clusters.csv", "participants.csv", "outcomes.csv")) {
      assertThat(Files.readAllBytes(tmp.resolve("b").resolve(f)))
          .isEqualTo(Files.readAllBytes(tmp.resolve("a").resolve(f)));
    }
    assertThat(Files.readString(tmp.resolve("c").resolve("clusters.csv"))).contains(",T04,");
    Run help = Run.of("generate", "--help");
    assertThat(help.out())
        .contains(
            "--effect-scale=X", "--null", "--sites=M", "(times --effect-scale; none with --null):");
    assertThat(
            Run.of(
                    "generate",
                    "--out",
                    tmp.resolve("d").toString(),
                    "--clusters",
                    "8",
                    "--participants",
                    "20",
                    "--seed",
                    "1",
                    "--null",
                    "--effect-scale",
                    "0.5")
                .exit())
        .isEqualTo(2);
  }

  static JsonNode row(JsonNode j, String id) {
    for (JsonNode r : j.get("rows")) {
      if (r.get("id").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no row " + id);
  }

  /**
   * The JSON of an interrupted run, with reps.requested and interrupted set as a whole run has
   * them.
   */
  static String asIfWhole(String json) throws IOException {
    JsonNode j = new ObjectMapper().readTree(json);
    ObjectNode reps = (ObjectNode) j.get("reps");
    reps.put("requested", reps.get("done").asInt());
    reps.put("interrupted", false);
    return j.toString();
  }

  static String normalised(String json) throws IOException {
    return new ObjectMapper().readTree(json).toString();
  }
}
