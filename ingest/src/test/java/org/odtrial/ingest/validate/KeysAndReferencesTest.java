package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;

class KeysAndReferencesTest {
  @TempDir Path dir;

  @Test
  void duplicateClusterId() {
    TrialDir t = TrialDir.valid(dir).append(TrialFile.CLUSTERS, "C1,S3,TAU,2020-01-01,,,");
    assertThat(t.findings("duplicate-key"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.file()).isEqualTo("clusters.csv");
              assertThat(f.line()).isEqualTo(4);
              assertThat(f.column()).isEqualTo("cluster_id");
              assertThat(f.record()).isEqualTo("C1");
              assertThat(f.message()).contains("'C1'").contains("first on line 2");
            });
  }

  @Test
  void duplicateParticipantIdNamesTheFirstLine() {
    TrialDir t =
        TrialDir.valid(dir)
            .append(TrialFile.PARTICIPANTS, "P1,C2,2020-03-01,40,male,,,,2021-03-01,,");
    assertThat(t.findings("duplicate-key"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.line()).isEqualTo(4);
              assertThat(f.site()).isEqualTo("S2");
              assertThat(f.message()).contains("first on line 2");
            });
  }

  @Test
  void duplicateEpisodeAndMeetingIds() {
    TrialDir t =
        TrialDir.valid(dir)
            .append(TrialFile.ADMISSIONS, "E1,P2,crisis_team,2020-05-01,2020-05-02,")
            .append(TrialFile.NETWORK_MEETINGS, "M2,P2,2020-03-11,video,1,0,clinic");
    assertThat(t.findings("duplicate-key"))
        .extracting(Finding::file, Finding::record)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("admissions.csv", "E1"),
            org.assertj.core.groups.Tuple.tuple("network_meetings.csv", "M2"));
  }

  @Test
  void outcomesAreUniquePerParticipantInstrumentAndTimepoint() {
    TrialDir t =
        TrialDir.valid(dir)
            .append(
                TrialFile.OUTCOMES,
                "P1,BPRS,0,2020-02-01,50",
                "P1,QPR,00,2020-02-02,31",
                "P2,QPR,0,2020-03-01,30");
    List<Finding> f = t.findings("duplicate-key");
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.line()).isEqualTo(5);
              assertThat(x.record()).isEqualTo("P1/QPR/0");
              assertThat(x.message())
                  .contains("QPR")
                  .contains("timepoint 0")
                  .contains("more than once");
            });
  }

  @Test
  void unknownClusterIsNamed() {
    TrialDir t =
        TrialDir.valid(dir)
            .append(TrialFile.PARTICIPANTS, "P3,C9,2020-03-01,40,male,,,,2021-03-01,,");
    assertThat(t.findings("reference"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.column()).isEqualTo("cluster_id");
              assertThat(f.message()).contains("'C9'").contains("clusters.csv");
              assertThat(f.site()).isNull();
              assertThat(f.record()).isEqualTo("P3");
            });
  }

  @Test
  void unknownParticipantInEveryReferringFile() {
    TrialDir t =
        TrialDir.valid(dir)
            .append(TrialFile.ADMISSIONS, "E2,P9,inpatient,2020-06-01,,")
            .append(TrialFile.OUTCOMES, "P9,QPR,0,2020-02-01,30")
            .append(TrialFile.NETWORK_MEETINGS, "M3,P9,2020-02-10,phone,2,1,");
    List<Finding> f = t.findings("reference");
    assertThat(f)
        .extracting(Finding::file)
        .containsExactly("admissions.csv", "outcomes.csv", "network_meetings.csv");
    assertThat(f)
        .allSatisfy(
            x -> {
              assertThat(x.column()).isEqualTo("participant_id");
              assertThat(x.message()).contains("'P9'").contains("participants.csv");
            });
  }

  @Test
  void findingsCarryTheSiteOfTheRecordsCluster() {
    TrialDir t =
        TrialDir.valid(dir).append(TrialFile.NETWORK_MEETINGS, "M3,P2,2020-03-10,fax,2,1,");
    assertThat(t.findings("code"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.site()).isEqualTo("S2");
              assertThat(f.record()).isEqualTo("M3");
            });
  }

  /** A repeated episode is reported as a duplicate only, not also as overlapping itself. */
  @Test
  void findingsAreOrderedByFileLineColumnAndRule() {
    TrialDir t =
        TrialDir.valid(dir)
            .append(TrialFile.NETWORK_MEETINGS, "M3,P9,2020-03-10,fax,2,1,")
            .append(TrialFile.CLUSTERS, "C3,S3,XX,2020-13-01,,9,")
            .append(TrialFile.ADMISSIONS, "E1,P1,inpatient,2020-05-01,2020-05-20,no");
    List<Finding> f = t.validate().findings();
    assertThat(f)
        .extracting(Finding::file, Finding::line, Finding::column, Finding::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("clusters.csv", 4L, "arm", "code"),
            org.assertj.core.groups.Tuple.tuple(
                "clusters.csv", 4L, "randomised_on", "calendar-date"),
            org.assertj.core.groups.Tuple.tuple(
                "clusters.csv", 4L, "deprivation_quintile", "range"),
            org.assertj.core.groups.Tuple.tuple(
                "admissions.csv", 3L, "episode_id", "duplicate-key"),
            org.assertj.core.groups.Tuple.tuple(
                "network_meetings.csv", 4L, "participant_id", "reference"),
            org.assertj.core.groups.Tuple.tuple("network_meetings.csv", 4L, "mode", "code"));
    assertThat(Validator.of().validate(dir).findings()).isEqualTo(f);
  }

  @Test
  void recordsWithErrorsStillReachTheSinkButRaggedRowsDoNot() {
    TrialDir.valid(dir).append(TrialFile.ADMISSIONS, "E2,P9,ward,2020-06-01,,", "E3,P1");
    List<Long> lines = new ArrayList<>();
    ValidationReport report =
        Validator.of()
            .validate(
                dir,
                (file, line, values) -> {
                  if (file == TrialFile.ADMISSIONS) {
                    lines.add(line);
                  }
                });
    assertThat(report.hasErrors()).isTrue();
    assertThat(lines).containsExactly(2L, 3L);
  }

  @Test
  void everyFindingIsListedHoweverMany() {
    String[] rows = new String[1500];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = "E" + (i + 10) + ",P1,ward,2020-06-01,2020-06-01,";
    }
    TrialDir.valid(dir).append(TrialFile.ADMISSIONS, rows);
    // a small memory limit makes the report read its findings back from the temporary file
    try (ValidationReport report = Validator.of().withMemoryLimit(100).validate(dir)) {
      List<Finding> f = report.findings();
      assertThat(f).hasSize(1500).allMatch(x -> x.rule().equals("code"));
      assertThat(f).extracting(Finding::line).isSorted().startsWith(3L).endsWith(1502L);
      assertThat(report.errors()).isEqualTo(1500);
      List<Finding> site = new java.util.ArrayList<>();
      report.forEach("S1", site::add);
      assertThat(site).hasSize(1500);
      List<Finding> none = new java.util.ArrayList<>();
      report.forEach(FindingReport.NO_SITE, none::add);
      assertThat(none).isEmpty();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
