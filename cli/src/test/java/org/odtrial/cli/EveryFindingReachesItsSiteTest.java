package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated trial with more findings of one rule than any cap would keep: every finding is in
 * every complete format, and every site gets its own.
 */
class EveryFindingReachesItsSiteTest {
  @TempDir Path tmp;

  @Test
  void noFindingIsDroppedAndEverySiteGetsItsQueries() throws Exception {
    Path upload = tmp.resolve("trial");
    assertThat(
            Run.of(
                    "generate",
                    "--out",
                    upload.toString(),
                    "--clusters",
                    "80",
                    "--participants",
                    "10000",
                    "--seed",
                    "11")
                .exit())
        .isZero();
    Run json = Run.of("validate", upload.toString(), "--format", "json");
    assertThat(json.exit()).isZero();
    JsonNode root = new ObjectMapper().readTree(json.out());
    long warnings = root.get("warnings").asLong();
    long listed = 0;
    long fewPractitioners = 0;
    for (JsonNode f : root.get("findings")) {
      listed += 1 + (f.has("consequences") ? f.get("consequences").size() : 0);
      fewPractitioners += f.get("rule").asText().equals("too-few-practitioners") ? 1 : 0;
    }
    assertThat(listed).isEqualTo(warnings);
    assertThat(fewPractitioners)
        .as("more than the old cap of 1,000 per rule and file")
        .isGreaterThan(1000);

    Path db = tmp.resolve("trial.db");
    assertThat(Run.of("ingest", upload.toString(), "--db", db.toString()).exit()).isZero();
    List<String> csv =
        Run.of("warnings", "--db", db.toString(), "--format", "csv").out().lines().toList();
    assertThat(csv).hasSize(1 + (int) warnings);

    Path lists = tmp.resolve("lists");
    Run split = Run.of("queries", "--db", db.toString(), "--split-by-site", lists.toString());
    assertThat(split.exit()).isZero();
    Map<String, Long> perSite = new HashMap<>();
    for (String line : csv.subList(1, csv.size())) {
      perSite.merge(line.substring(0, line.indexOf(',')), 1L, Long::sum);
    }
    assertThat(perSite).hasSize(10); // 80 clusters, 8 a site
    for (Map.Entry<String, Long> e : perSite.entrySet()) {
      Path list = lists.resolve("site-" + e.getKey() + ".csv");
      assertThat(Files.readAllLines(list)).hasSize(1 + e.getValue().intValue());
      assertThat(lists.resolve("site-" + e.getKey() + ".xlsx")).isNotEmptyFile();
    }
  }
}
