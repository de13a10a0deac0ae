package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path tmp;

  @Test
  void cleanSampleIsValidWithWarningsAndExitsZero() {
    Run r = Run.of("validate", SampleData.CLEAN.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("participants.csv (600 rows)")
        .containsPattern("VALID: no errors, \\d+ warnings");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void dirtySampleExitsOneWithFindingsPerFileAndRule() {
    Run r = Run.of("validate", SampleData.DIRTY.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("error date-format", "error duplicate-key", "error direct-identifier")
        .containsPattern("line \\d+, column \\w+")
        .contains("INVALID:");
  }

  @Test
  void jsonIsExactlyOneObjectWithTheDocumentedFields() throws Exception {
    Run r = Run.of("validate", SampleData.DIRTY.toString(), "--format", "json");
    assertThat(r.exit()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.fieldNames())
        .toIterable()
        .containsExactly("site", "errors", "warnings", "summary", "findings");
    assertThat(root.get("errors").asLong()).isPositive();
    long[] counts = new long[2];
    long roots = 0;
    for (JsonNode f : root.get("findings")) {
      countFinding(f, counts);
      if (f.has("consequences")) {
        roots++;
        for (JsonNode c : f.get("consequences")) {
          assertThat(c.get("root_id").asText()).isEqualTo(f.get("query_id").asText());
          assertThat(c.has("consequences")).isFalse();
          countFinding(c, counts);
        }
      }
    }
    assertThat(roots).isEqualTo(2); // the followup_end of P002 and of P114
    assertThat(counts[0]).isEqualTo(root.get("errors").asLong());
    assertThat(counts[1]).isEqualTo(root.get("warnings").asLong());
    JsonNode first = root.get("summary").get(0);
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly(
            "file", "rule", "site", "rows_checked", "rows_passed", "rows_failed", "findings");
  }

  private static void countFinding(JsonNode f, long[] counts) {
    assertThat(f.fieldNames())
        .toIterable()
        .startsWith(
            "severity",
            "file",
            "line",
            "column",
            "record",
            "site",
            "rule",
            "message",
            "query_id",
            "root_id");
    assertThat(f.get("query_id").asText()).matches("Q[0-9A-Z]{12}");
    assertThat(f.get("severity").asText()).isIn("error", "warning");
    counts[f.get("severity").asText().equals("error") ? 0 : 1]++;
  }

  @Test
  void csvHasOneFindingARowWithTheSiteFirst() {
    Run r = Run.of("validate", SampleData.DIRTY.toString(), "--format", "csv");
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("site,file,line,column,record,severity,rule,message,query_id,root_id");
    assertThat(lines).hasSizeGreaterThan(100);
    assertThat(lines.get(1)).matches("T\\d+,.*");
  }

  @Test
  void aDirectIdentifierIsNeverEchoedInAnyFormat() throws Exception {
    // The dirty sample carries an NHS-number-like value and an e-mail address; find them in the raw
    // files.
    String clusters =
        Files.readString(SampleData.DIRTY.resolve("clusters.csv"), StandardCharsets.UTF_8);
    Matcher nhs = Pattern.compile("\\d{3} ?\\d{3} ?\\d{4}").matcher(clusters);
    Matcher email = Pattern.compile("[\\w.]+@[\\w.]+").matcher(clusters);
    assertThat(nhs.find()).isTrue();
    assertThat(email.find()).isTrue();
    for (String format : List.of("text", "json", "csv")) {
      Run r = Run.of("validate", SampleData.DIRTY.toString(), "--format", format);
      assertThat(r.all())
          .as(format)
          .contains("direct-identifier")
          .doesNotContain(nhs.group())
          .doesNotContain(nhs.group().replace(" ", ""))
          .doesNotContain(email.group());
    }
  }

  @Test
  void reportCanGoToAFileWithTheVerdictOnStderr() throws Exception {
    Path out = tmp.resolve("findings.json");
    Run r =
        Run.of(
            "validate",
            SampleData.DIRTY.toString(),
            "--format",
            "json",
            "--output",
            out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("INVALID");
    assertThat(new ObjectMapper().readTree(out.toFile()).get("errors").asLong()).isPositive();
  }

  @Test
  void missingFolderAndUsageErrorsExitTwo() {
    Run missing = Run.of("validate", tmp.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no such folder");
    assertThat(Run.of("validate").exit()).isEqualTo(2);
    assertThat(Run.of("validate", ".", "--format", "xml").exit()).isEqualTo(2);
    assertThat(Run.of("validate", ".", "--bogus").exit()).isEqualTo(2);
  }

  @Test
  void anEmptyFolderReportsEveryMissingFile() {
    Run r = Run.of("validate", tmp.toString(), "--format", "csv");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "clusters.csv",
            "participants.csv",
            "admissions.csv",
            "outcomes.csv",
            "network_meetings.csv");
  }
}
