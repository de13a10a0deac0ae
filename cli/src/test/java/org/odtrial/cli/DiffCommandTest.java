package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
  @TempDir Path tmp;

  @Test
  void recordsAddedRemovedAndChangedInTextJsonAndCsv() throws Exception {
    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    Path next = SampleData.copy(SampleData.CLEAN, tmp.resolve("next"));
    List<String> p = Files.readAllLines(next.resolve("participants.csv"));
    String p001 = p.get(1);
    String[] cells = p001.split(",", -1);
    cells[3] = "77"; // age
    cells[6] = "other"; // diagnosis
    p.set(1, String.join(",", cells));
    String removed = p.remove(p.size() - 1).split(",")[0]; // its other records go too
    Files.write(next.resolve("participants.csv"), p);
    for (String f : List.of("admissions.csv", "outcomes.csv", "network_meetings.csv")) {
      List<String> rows = Files.readAllLines(next.resolve(f));
      rows.removeIf(r -> r.contains("," + removed + ",") || r.startsWith(removed + ","));
      Files.write(next.resolve(f), rows);
    }
    Run second = Run.of("ingest", next.toString(), "--db", db.toString());
    assertThat(second.exit()).as(second.out()).isZero();

    Run text = Run.of("diff", "--db", db.toString(), "--file", "participants.csv");
    assertThat(text.out())
        .contains("participants.csv: 0 added, 1 removed, 1 changed")
        .contains(
            "~ P001: age "
                + p001.split(",")[3]
                + " -> 77, diagnosis "
                + p001.split(",")[6]
                + " -> other")
        .contains("- " + removed);

    JsonNode json =
        new ObjectMapper()
            .readTree(
                Run.of(
                        "diff",
                        "--db",
                        db.toString(),
                        "--from",
                        "1",
                        "--to",
                        "2",
                        "--format",
                        "json")
                    .out());
    assertThat(json.get("from").asInt()).isEqualTo(1);
    assertThat(json.get("files")).hasSize(5);
    JsonNode participants = json.get("files").get(1);
    assertThat(participants.get("file").asText()).isEqualTo("participants.csv");
    JsonNode changed = participants.get("records").get(0);
    assertThat(changed.get("change").asText()).isEqualTo("changed");
    assertThat(changed.get("record").asText()).isEqualTo("P001");
    assertThat(changed.get("columns").get(0).get("column").asText()).isEqualTo("age");
    assertThat(changed.get("columns").get(0).get("after").asText()).isEqualTo("77");

    List<String> csv =
        Run.of("diff", "--db", db.toString(), "--file", "participants", "--format", "csv")
            .out()
            .lines()
            .toList();
    assertThat(csv)
        .containsExactly(
            "file,change,record,column,before,after",
            "participants.csv,changed,P001,age," + p001.split(",")[3] + ",77",
            "participants.csv,changed,P001,diagnosis," + p001.split(",")[6] + ",other",
            "participants.csv,removed," + removed + ",,,");
    // backwards: what load 1 has that load 2 has not is "added"
    assertThat(
            Run.of(
                    "diff",
                    "--db",
                    db.toString(),
                    "--from",
                    "2",
                    "--to",
                    "1",
                    "--file",
                    "participants")
                .out())
        .contains("1 added, 0 removed, 1 changed");
    assertThat(Run.of("diff", "--db", db.toString(), "--to", "3").exit()).isEqualTo(2);
    Run first = Run.of("diff", "--db", db.toString(), "--to", "1");
    assertThat(first.exit()).isEqualTo(2);
    assertThat(first.err())
        .contains("load 1 is the first load: there is none before it to compare it with")
        .doesNotContain("load 0");
  }

  @Test
  void aValueThatLooksLikeADirectIdentifierIsNeverShown() {
    assertThat(DiffCommand.shown("943 476 5919")).isEqualTo("(hidden: looks like an NHS number)");
    assertThat(DiffCommand.shown("someone@example.org")).startsWith("(hidden");
    assertThat(DiffCommand.shown("2020-01-01")).isEqualTo("2020-01-01");
    assertThat(DiffCommand.shown(null)).isEmpty();
  }
}
