package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;

class CsvLevelTest {
  @TempDir Path dir;

  private static final String ADM_HEADER =
      "episode_id,participant_id,setting,start_date,end_date,detained";

  @Test
  void theSmallValidUploadHasNoFindings() {
    ValidationReport report = TrialDir.valid(dir).validate();
    assertThat(report.findings()).isEmpty();
    assertThat(report.hasErrors()).isFalse();
  }

  @Test
  void missingFileIsAnErrorOnLineZeroWithoutColumn() throws Exception {
    TrialDir t = TrialDir.valid(dir);
    Files.delete(dir.resolve("outcomes.csv"));
    ValidationReport report = t.validate();
    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("missing-file");
              assertThat(f.file()).isEqualTo("outcomes.csv");
              assertThat(f.line()).isZero();
              assertThat(f.column()).isNull();
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
            });
    assertThat(report.files())
        .doesNotContainKey(TrialFile.OUTCOMES)
        .containsKey(TrialFile.NETWORK_MEETINGS);
  }

  @Test
  void aFileThatCannotBeReadIsAnErrorWithoutSummary() throws Exception {
    TrialDir t = TrialDir.valid(dir);
    Files.delete(dir.resolve("outcomes.csv"));
    Files.createDirectory(dir.resolve("outcomes.csv"));
    ValidationReport report = t.validate();
    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("unreadable-file");
              assertThat(f.line()).isZero();
              assertThat(f.message()).contains("outcomes.csv");
            });
    assertThat(report.files()).doesNotContainKey(TrialFile.OUTCOMES);
  }

  @Test
  void emptyFileHasNoHeader() {
    TrialDir t = TrialDir.valid(dir).write(TrialFile.ADMISSIONS, "");
    List<Finding> f = t.findings("empty-file");
    assertThat(f).singleElement().satisfies(x -> assertThat(x.file()).isEqualTo("admissions.csv"));
    assertThat(t.validate().files().get(TrialFile.ADMISSIONS).bytes()).isZero();
  }

  @Test
  void headerOnlyFileIsValidWithZeroRows() {
    TrialDir t = TrialDir.valid(dir).write(TrialFile.ADMISSIONS, ADM_HEADER + "\n");
    ValidationReport report = t.validate();
    assertThat(report.findings()).isEmpty();
    assertThat(report.files().get(TrialFile.ADMISSIONS).rows()).isZero();
  }

  @Test
  void headerOnlyFileIsAnErrorWhereTheStoreHasRecordsOfIt() {
    TrialDir t = TrialDir.valid(dir).write(TrialFile.ADMISSIONS, ADM_HEADER + "\n");
    try (ValidationReport report =
        Validator.of()
            .withStoredRecords(Set.of(TrialFile.ADMISSIONS, TrialFile.OUTCOMES))
            .validate(dir)) {
      assertThat(report.findings())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.file()).isEqualTo("admissions.csv");
                assertThat(f.line()).isEqualTo(1);
                assertThat(f.rule()).isEqualTo("emptied-file");
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.message())
                    .startsWith(
                        "admissions.csv has no records, but the trial's current data has"
                            + " admissions");
              });
    }
    // a store with no admissions: nothing to empty
    try (ValidationReport report =
        Validator.of().withStoredRecords(Set.of(TrialFile.OUTCOMES)).validate(dir)) {
      assertThat(report.findings()).isEmpty();
    }
  }

  @Test
  void headerWithoutLineEndIsValidToo() {
    TrialDir t = TrialDir.valid(dir).write(TrialFile.ADMISSIONS, ADM_HEADER);
    assertThat(t.validate().findings()).isEmpty();
  }

  @Test
  void byteOrderMarkIsTolerated() {
    byte[] body = TrialDir.VALID.get(TrialFile.CLUSTERS).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    b.writeBytes(body);
    TrialDir t = TrialDir.valid(dir).writeBytes(TrialFile.CLUSTERS, b.toByteArray());
    assertThat(t.validate().findings()).isEmpty();
  }

  @Test
  void crlfLineEndsAreAcceptedAndLinesCountedOnce() {
    TrialDir t =
        TrialDir.valid(dir)
            .write(
                TrialFile.ADMISSIONS,
                ADM_HEADER
                    + "\r\n"
                    + "E1,P1,inpatient,2020-05-01,2020-05-20,no\r\n"
                    + "E2,P1,inpatient,2020-06-01,,maybe\r\n");
    List<Finding> f = t.findings("code");
    assertThat(f).singleElement().satisfies(x -> assertThat(x.line()).isEqualTo(3));
  }

  @Test
  void semicolonDelimitedFileGetsOneClearError() {
    TrialDir t =
        TrialDir.valid(dir)
            .write(
                TrialFile.CLUSTERS, "cluster_id;site_id;arm;randomised_on\nC1;S1;OD;2020-01-01\n");
    ValidationReport report = t.validate();
    List<Finding> clusters =
        report.findings().stream().filter(x -> x.file().equals("clusters.csv")).toList();
    assertThat(clusters)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.rule()).isEqualTo("semicolon-delimited");
              assertThat(x.line()).isEqualTo(1);
              assertThat(x.message()).contains("semicolon-delimited").contains("comma-separated");
            });
  }

  @Test
  void raggedRowsAreReportedWithTheirCellCount() {
    TrialDir t =
        TrialDir.valid(dir)
            .append(
                TrialFile.ADMISSIONS,
                "E2,P1,inpatient,2020-06-01",
                "E3,P1,inpatient,2020-07-01,,no,x");
    List<Finding> f = t.findings("cell-count");
    assertThat(f).extracting(Finding::line).containsExactly(3L, 4L);
    assertThat(f.get(0).message()).contains("4 cells").contains("header has 6");
    assertThat(t.validate().files().get(TrialFile.ADMISSIONS).rows()).isEqualTo(1);
  }

  @Test
  void unclosedQuoteIsReportedAtTheRecordsFirstLine() {
    TrialDir t =
        TrialDir.valid(dir)
            .append(TrialFile.ADMISSIONS, "E2,P1,\"inpatient,2020-06-01,,no", "E3,P1");
    List<Finding> f = t.findings("malformed-csv");
    assertThat(f).singleElement().satisfies(x -> assertThat(x.line()).isEqualTo(3));
  }

  @Test
  void textAfterAClosingQuoteIsMalformed() {
    TrialDir t =
        TrialDir.valid(dir).append(TrialFile.ADMISSIONS, "E2,P1,\"inpatient\"x,2020-06-01,,no");
    assertThat(t.findings("malformed-csv"))
        .singleElement()
        .satisfies(x -> assertThat(x.line()).isEqualTo(3));
  }

  @Test
  void quotedCellsWithEmbeddedNewlinesKeepPhysicalLineNumbers() {
    TrialDir t =
        TrialDir.valid(dir)
            .write(
                TrialFile.CLUSTERS,
                "cluster_id,site_id,arm,randomised_on,stratum,deprivation_quintile,list_size\n"
                    + "C1,S1,OD,2020-01-01,\"north\nand\nmore\",3,8421\n"
                    + "C2,S2,\"TAU\",2020-01-01,south,2,-5\n");
    List<Finding> f = t.findings("range");
    assertThat(f).singleElement().satisfies(x -> assertThat(x.line()).isEqualTo(5));
  }

  @Test
  void recordWithEmbeddedNewlineIsReportedAtItsFirstLine() {
    TrialDir t =
        TrialDir.valid(dir)
            .write(
                TrialFile.CLUSTERS,
                "cluster_id,site_id,arm,randomised_on,stratum,deprivation_quintile,list_size\n"
                    + "C1,S1,OD,2020-01-01,north,3,8421\n"
                    + "C2,S2,TAU,2020-01-01,\"south\n\",2,x\n");
    assertThat(t.findings("integer"))
        .singleElement()
        .satisfies(x -> assertThat(x.line()).isEqualTo(3));
  }

  @Test
  void blankLinesAreSkippedButCounted() {
    TrialDir t =
        TrialDir.valid(dir)
            .write(
                TrialFile.ADMISSIONS,
                ADM_HEADER + "\n\nE1,P1,inpatient,2020-05-01,2020-05-20,nope\n\n");
    assertThat(t.findings("code"))
        .singleElement()
        .satisfies(x -> assertThat(x.line()).isEqualTo(3));
    assertThat(t.validate().files().get(TrialFile.ADMISSIONS).rows()).isEqualTo(1);
  }

  @Test
  void invalidUtf8IsReportedWithItsLineAndTheRestIsStillRead() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(
        (ADM_HEADER + "\nE1,P1,inpatient,2020-05-01,2020-05-20,no\nE2,P1,inpatient,2020-06-01,,n")
            .getBytes(StandardCharsets.UTF_8));
    b.write(0xF6); // latin-1 o-umlaut
    b.writeBytes(
        "\nE3,P1,crisis_team,2020-07-01,2020-07-03,maybe\n".getBytes(StandardCharsets.UTF_8));
    TrialDir t = TrialDir.valid(dir).writeBytes(TrialFile.ADMISSIONS, b.toByteArray());
    ValidationReport report = t.validate();
    assertThat(report.findings())
        .filteredOn(f -> f.rule().equals("encoding"))
        .singleElement()
        .satisfies(f -> assertThat(f.line()).isEqualTo(3));
    assertThat(report.findings())
        .filteredOn(f -> f.rule().equals("code"))
        .extracting(Finding::line)
        .contains(4L);
  }

  @Test
  void truncatedMultiByteSequenceAtEndOfFileIsInvalid() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(
        (ADM_HEADER + "\nE1,P1,inpatient,2020-05-01,2020-05-20,no")
            .getBytes(StandardCharsets.UTF_8));
    b.write(0xC3);
    TrialDir t = TrialDir.valid(dir).writeBytes(TrialFile.ADMISSIONS, b.toByteArray());
    assertThat(t.findings("encoding"))
        .singleElement()
        .satisfies(f -> assertThat(f.line()).isEqualTo(2));
  }

  @Test
  void validMultiByteTextIsFine() {
    TrialDir t =
        TrialDir.valid(dir)
            .rows(
                TrialFile.CLUSTERS,
                "C1,S1,OD,2020-01-01,Nord-Trøndelag,3,8421",
                "C2,S2,TAU,2020-01-01,south,2,5000");
    assertThat(t.validate().findings()).isEmpty();
  }

  @Test
  void unknownColumnIsNamedAndNearMissSuggested() {
    TrialDir t =
        TrialDir.valid(dir)
            .write(
                TrialFile.ADMISSIONS,
                ADM_HEADER
                    + ",nhs_notes,Detained2\nE1,P1,inpatient,2020-05-01,2020-05-20,no,x,y\n");
    List<Finding> f = t.findings("unknown-column");
    assertThat(f).extracting(Finding::column).containsExactly("nhs_notes", "Detained2");
    assertThat(f.get(0).message()).contains("'nhs_notes'");
    TrialDir u =
        TrialDir.valid(dir)
            .write(TrialFile.ADMISSIONS, ADM_HEADER.replace("detained", "Detained") + "\n");
    assertThat(u.findings("unknown-column"))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("did you mean detained"));
  }

  @Test
  void missingRequiredColumnIsAnErrorButOptionalColumnsMayBeLeftOut() {
    TrialDir t =
        TrialDir.valid(dir)
            .write(
                TrialFile.ADMISSIONS, "episode_id,participant_id,start_date\nE1,P1,2020-05-01\n");
    List<Finding> f = t.findings("missing-column");
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.column()).isEqualTo("setting");
              assertThat(x.line()).isEqualTo(1);
            });
    // end_date and detained are optional: no finding about them, and no "required" finding per row
    // either
    assertThat(t.validate().findings()).hasSize(1);
  }

  @Test
  void columnOrderIsFreeAndValuesArriveInCanonicalOrder() {
    TrialDir t =
        TrialDir.valid(dir)
            .write(
                TrialFile.ADMISSIONS,
                "detained,start_date,setting,participant_id,episode_id\n"
                    + "no,2020-05-01,inpatient,P1,E1\n");
    List<String[]> got = new ArrayList<>();
    ValidationReport report =
        Validator.of()
            .validate(
                dir,
                (file, line, values) -> {
                  if (file == TrialFile.ADMISSIONS) {
                    got.add(values);
                  }
                });
    assertThat(report.findings()).isEmpty();
    assertThat(got)
        .singleElement()
        .satisfies(
            v -> assertThat(v).containsExactly("E1", "P1", "inpatient", "2020-05-01", null, "no"));
  }

  @Test
  void duplicateHeaderNameIsAnError() {
    TrialDir t =
        TrialDir.valid(dir)
            .write(
                TrialFile.ADMISSIONS,
                ADM_HEADER + ",setting\nE1,P1,inpatient,2020-05-01,2020-05-20,no,inpatient\n");
    assertThat(t.findings("duplicate-column"))
        .singleElement()
        .satisfies(x -> assertThat(x.column()).isEqualTo("setting"));
  }

  @Test
  void blankHeaderCellIsAnUnknownColumn() {
    TrialDir t = TrialDir.valid(dir).write(TrialFile.ADMISSIONS, ADM_HEADER + ",\n");
    assertThat(t.findings("unknown-column"))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("blank"));
  }

  @Test
  void lineNumbersStayExactAcrossManyBuffersWithCrlfAndMultiLineCells() {
    // several 64 KiB decoder buffers: a CR/LF pair, a BOM and multi-line cells must not shift the
    // count
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    StringBuilder text =
        new StringBuilder(
            "cluster_id,site_id,arm,randomised_on,stratum,deprivation_quintile,list_size\r\n");
    long line = 2;
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 6000; i++) {
      boolean multi = i % 7 == 0;
      boolean bad = i % 997 == 3;
      text.append("C")
          .append(i + 10)
          .append(",S1,")
          .append(bad ? "od" : "OD")
          .append(",2020-01-01,")
          .append(multi ? "\"a\r\nb\nc\"" : "north")
          .append(",3,")
          .append(i)
          .append("\r\n");
      if (bad) {
        expected.add(line);
      }
      line += multi ? 3 : 1;
    }
    text.append("C1,S1,OD,2020-01-01,north,3,1\r\nC2,S2,TAU,2020-01-01,,,\r\n");
    b.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    TrialDir t = TrialDir.valid(dir).writeBytes(TrialFile.CLUSTERS, b.toByteArray());
    assertThat(b.size()).isGreaterThan(3 * 65536);
    assertThat(t.findings("code")).extracting(Finding::line).containsExactlyElementsOf(expected);
    assertThat(t.findings("text-length")).isEmpty();
  }

  @Test
  void summariesCarryRowsBytesAndSha256OfTheRawFile() throws Exception {
    ValidationReport report = TrialDir.valid(dir).validate();
    FileSummary s = report.files().get(TrialFile.OUTCOMES);
    byte[] raw = Files.readAllBytes(dir.resolve("outcomes.csv"));
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    assertThat(s.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(md.digest(raw)));
    assertThat(s.bytes()).isEqualTo(raw.length);
    assertThat(s.rows()).isEqualTo(2);
  }

  @Test
  void fileWhoseReadingStoppedIsStillHashedWhole() throws Exception {
    TrialDir t =
        TrialDir.valid(dir)
            .append(TrialFile.ADMISSIONS, "E2,\"P1", "E3,P1,inpatient,2020-06-01,,no");
    FileSummary s = t.validate().files().get(TrialFile.ADMISSIONS);
    byte[] raw = Files.readAllBytes(dir.resolve("admissions.csv"));
    assertThat(s.bytes()).isEqualTo(raw.length);
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    assertThat(s.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(md.digest(raw)));
  }
}
