package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML data-quality report: self-contained, complete in its counts, the same for the same
 * input.
 */
class DataQualityReportTest {
  @TempDir Path tmp;

  @Test
  void theReportOfAnUploadIsSelfContainedAndDeterministic() throws Exception {
    Path a = tmp.resolve("a.html");
    Path b = tmp.resolve("b.html");
    assertThat(
            Run.of("validate", SampleData.DIRTY.toString(), "--format", "html", "-o", a.toString())
                .exit())
        .isEqualTo(1);
    Run.of("validate", SampleData.DIRTY.toString(), "--format", "html", "-o", b.toString());
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    String html = Files.readString(a);
    // nothing fetched from anywhere: no external scripts, styles, images or links
    assertThat(html)
        .doesNotContainPattern("(src|href)=")
        .doesNotContain("http://")
        .doesNotContain("https://");
    assertThat(html)
        .contains("<table id=\"summary\">", "<table id=\"sites\">", "<table id=\"findings\">")
        .contains("<select id=\"site\">", "<option>T01</option>", "<option>T04</option>")
        .contains("<b>133</b>errors", "<b>83</b>warnings", "<b>2</b>root causes");
    // the per-rule summary: 2 of 30 clusters rows carry a direct identifier
    assertThat(html)
        .containsPattern(
            "data-scope=\"all\" data-site=\"\""
                + " data-rule=\"direct-identifier\"><td>clusters.csv</td><td>direct-identifier</td><td"
                + " class=\"error\">error</td><td class=\"num\">30</td><td class=\"num\">28</td><td"
                + " class=\"num\">2</td><td class=\"num\">6.67%");
    // the followup_end of P002 is a highlighted root with its consequences under it
    assertThat(html)
        .containsPattern(
            "class=\"root\"><td>T01</td><td>participants.csv</td><td class=\"num\">3</td>");
    assertThat(html).contains("class=\"consequence\"");
    // a direct identifier is never shown
    assertThat(html).doesNotContainPattern("\\d{3} ?\\d{3} ?\\d{4}").doesNotContain("@example");
  }

  @Test
  void theReportOfAStoredLoadCountsQueriesPerStatusForEverySite() throws Exception {
    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    Run.of(
        "queries",
        "answer",
        QueryCycleTest.LATE_VISIT,
        "--db",
        db.toString(),
        "--status",
        "confirmed");
    Path page = tmp.resolve("load.html");
    Run r = Run.of("warnings", "--db", db.toString(), "--format", "html", "-o", page.toString());
    assertThat(r.exit()).isZero();
    String html = Files.readString(page);
    assertThat(html)
        .contains("Data quality: load 1 of trial.db")
        .contains("<th class=\"num\">new</th>", "<th class=\"num\">confirmed</th>")
        // T02: 13 warnings, 12 of them new and 1 confirmed
        .containsPattern(
            "<td>T02</td><td class=\"num\">0</td><td class=\"num\">13</td><td class=\"num\">0</td>"
                + "<td class=\"num\">12</td><td class=\"num\">0</td><td class=\"num\">0</td>"
                + "<td class=\"num\">1</td><td class=\"num\">0</td>");
  }
}
