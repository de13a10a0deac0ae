package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;

class CrossFieldTest {
  @TempDir Path dir;

  private static final String P2 = "P2,C2,2020-03-01,40,male,asian,bipolar,0,2021-03-01,,";

  /**
   * P1 (cluster C1, OD, randomised 2020-01-01) with the given baseline, end, withdrawal and death.
   */
  private TrialDir p1(String baseline, String end, String withdrawn, String died) {
    return TrialDir.valid(dir)
        .rows(
            TrialFile.PARTICIPANTS,
            String.join(
                ",",
                "P1",
                "C1",
                baseline,
                "30",
                "female",
                "white",
                "psychosis",
                "1",
                end,
                withdrawn,
                died),
            P2);
  }

  @Test
  void baselineMustNotPrecedeRandomisation() {
    assertThat(p1("2019-12-31", "2021-02-01", "", "").findings("baseline-before-randomisation"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.column()).isEqualTo("baseline_date");
              assertThat(f.message())
                  .contains("2019-12-31")
                  .contains("2020-01-01")
                  .contains("'C1'");
            });
    assertThat(p1("2020-01-01", "2021-02-01", "", "").findings("baseline-before-randomisation"))
        .isEmpty();
  }

  @Test
  void followupEndMustNotPrecedeBaseline() {
    assertThat(p1("2020-02-01", "2020-01-31", "", "").findings("followup-before-baseline"))
        .hasSize(1);
    assertThat(p1("2020-02-01", "2020-02-01", "", "").findings("followup-before-baseline"))
        .isEmpty();
  }

  @Test
  void withdrawalWithinFollowup() {
    assertThat(
            p1("2020-02-01", "2021-02-01", "2020-01-31", "")
                .findings("withdrawal-outside-followup"))
        .hasSize(1);
    assertThat(
            p1("2020-02-01", "2021-02-01", "2021-02-02", "")
                .findings("withdrawal-outside-followup"))
        .hasSize(1);
    assertThat(
            p1("2020-02-01", "2021-02-01", "2020-02-01", "")
                .findings("withdrawal-outside-followup"))
        .isEmpty();
    assertThat(
            p1("2020-02-01", "2021-02-01", "2021-02-01", "")
                .findings("withdrawal-outside-followup"))
        .isEmpty();
  }

  @Test
  void deathWithinFollowupAndEndingIt() {
    ValidationReport after = p1("2020-02-01", "2021-02-01", "", "2021-02-02").validate();
    assertThat(after.findings())
        .extracting(Finding::rule)
        .contains("death-outside-followup", "followup-end-not-death");
    assertThat(p1("2020-02-01", "2021-02-01", "", "2020-01-15").findings("death-outside-followup"))
        .hasSize(1);
    assertThat(p1("2020-02-01", "2021-02-01", "", "2020-12-01").validate().findings())
        .extracting(Finding::rule)
        .contains("followup-end-not-death")
        .doesNotContain("death-outside-followup");
    assertThat(p1("2020-02-01", "2021-02-01", "", "2021-02-01").validate().findings()).isEmpty();
  }

  @Test
  void admissionMustStartByFollowupEnd() {
    TrialDir bad =
        TrialDir.valid(dir)
            .append(TrialFile.ADMISSIONS, "E2,P1,crisis_team,2021-02-02,2021-02-03,");
    assertThat(bad.findings("admission-after-followup"))
        .singleElement()
        .satisfies(f -> assertThat(f.column()).isEqualTo("start_date"));
    TrialDir ok =
        TrialDir.valid(dir)
            .append(TrialFile.ADMISSIONS, "E2,P1,crisis_team,2021-02-01,2021-02-03,");
    assertThat(ok.validate().findings()).isEmpty();
  }

  @Test
  void episodeMayStartBeforeBaseline() {
    TrialDir t =
        TrialDir.valid(dir)
            .append(TrialFile.ADMISSIONS, "E0,P1,inpatient,2020-01-10,2020-01-31,yes");
    assertThat(t.validate().findings()).isEmpty();
  }

  @Test
  void episodeEndMustNotPrecedeStart() {
    TrialDir bad =
        TrialDir.valid(dir).rows(TrialFile.ADMISSIONS, "E1,P1,inpatient,2020-05-01,2020-04-30,no");
    assertThat(bad.findings("episode-end-before-start"))
        .singleElement()
        .satisfies(f -> assertThat(f.column()).isEqualTo("end_date"));
    TrialDir sameDay =
        TrialDir.valid(dir).rows(TrialFile.ADMISSIONS, "E1,P1,inpatient,2020-05-01,2020-05-01,no");
    assertThat(sameDay.validate().findings()).isEmpty();
  }

  @Test
  void overlappingEpisodesInOneSettingAreAWarningOnTheLaterOne() {
    TrialDir t =
        TrialDir.valid(dir)
            .append(TrialFile.ADMISSIONS, "E2,P1,inpatient,2020-05-10,2020-05-25,no");
    assertThat(t.findings("episode-overlap"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.line()).isEqualTo(3);
              assertThat(f.record()).isEqualTo("E2");
              assertThat(f.site()).isEqualTo("S1");
              // ids, not lines: the message is the query's evidence and must not change when rows
              // move
              assertThat(f.message()).contains("'E1'").doesNotContain("line");
            });
  }

  @Test
  void dischargeAndNewEpisodeOnTheSameDayDoNotOverlap() {
    TrialDir t =
        TrialDir.valid(dir)
            .append(TrialFile.ADMISSIONS, "E2,P1,inpatient,2020-05-20,2020-05-25,no");
    assertThat(t.validate().findings()).isEmpty();
    TrialDir oneDay =
        TrialDir.valid(dir)
            .append(TrialFile.ADMISSIONS, "E2,P1,inpatient,2020-05-19,2020-05-25,no");
    assertThat(oneDay.findings("episode-overlap")).hasSize(1);
  }

  @Test
  void differentSettingsOrParticipantsDoNotOverlap() {
    TrialDir t =
        TrialDir.valid(dir)
            .append(
                TrialFile.ADMISSIONS,
                "E2,P1,crisis_team,2020-05-10,2020-05-25,",
                "E3,P2,inpatient,2020-05-10,2020-05-25,");
    assertThat(t.validate().findings()).isEmpty();
  }

  @Test
  void anOpenEpisodeRunsToFollowupEnd() {
    TrialDir t = TrialDir.valid(dir).append(TrialFile.ADMISSIONS, "E2,P1,inpatient,2020-04-01,,no");
    assertThat(t.findings("episode-overlap"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.record()).isEqualTo("E1");
              assertThat(f.message()).contains("'E2'").contains("open");
            });
    TrialDir after =
        TrialDir.valid(dir).append(TrialFile.ADMISSIONS, "E2,P1,inpatient,2020-05-20,,no");
    assertThat(after.validate().findings()).isEmpty();
  }

  @Test
  void anEpisodeInsideALongOneIsComparedWithTheLongOne() {
    TrialDir t =
        TrialDir.valid(dir)
            .rows(
                TrialFile.ADMISSIONS,
                "A,P1,inpatient,2020-06-01,2020-09-01,",
                "B,P1,inpatient,2020-06-10,2020-06-20,",
                "C,P1,inpatient,2020-07-01,2020-07-05,");
    assertThat(t.findings("episode-overlap")).extracting(Finding::record).containsExactly("B", "C");
    assertThat(t.findings("episode-overlap").get(1).message()).contains("'A'");
  }

  private TrialDir outcome(String participantRow, String outcomeRow) {
    return TrialDir.valid(dir)
        .rows(TrialFile.PARTICIPANTS, participantRow, P2)
        .rows(TrialFile.OUTCOMES, outcomeRow);
  }

  @Test
  void assessmentAfterFollowupEndOrDeathIsAnError() {
    String p1 = "P1,C1,2020-02-01,30,female,white,psychosis,1,2021-02-01,,";
    assertThat(outcome(p1, "P1,QPR,12,2021-02-02,30").findings("assessed-after-followup"))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    assertThat(outcome(p1, "P1,QPR,12,2021-02-01,30").validate().findings()).isEmpty();
    String died = "P1,C1,2020-02-01,30,female,white,psychosis,1,2021-01-10,,2021-01-10";
    ValidationReport r = outcome(died, "P1,QPR,12,2021-01-20,30").validate();
    assertThat(r.findings()).extracting(Finding::rule).containsExactly("assessed-after-death");
    assertThat(outcome(died, "P1,QPR,12,2021-01-10,30").validate().findings()).isEmpty();
  }

  @Test
  void assessmentAfterWithdrawalIsAWarning() {
    String p1 = "P1,C1,2020-02-01,30,female,white,psychosis,1,2021-02-01,2020-12-01,";
    assertThat(outcome(p1, "P1,QPR,12,2021-01-20,30").findings("assessed-after-withdrawal"))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    String sameDay = "P1,C1,2020-02-01,30,female,white,psychosis,1,2021-02-01,2021-01-20,";
    assertThat(outcome(sameDay, "P1,QPR,12,2021-01-20,30").validate().findings()).isEmpty();
  }

  @Test
  void visitWindowAtBaselineIsThirtyDays() {
    String p1 = "P1,C1,2020-02-01,30,female,white,psychosis,1,2021-02-01,,";
    LocalDate b = LocalDate.of(2020, 2, 1);
    for (int d : new int[] {-30, 0, 30}) {
      assertThat(outcome(p1, "P1,QPR,0," + b.plusDays(d) + ",30").validate().findings())
          .as("day %d", d)
          .isEmpty();
    }
    for (int d : new int[] {-31, 31}) {
      assertThat(outcome(p1, "P1,QPR,0," + b.plusDays(d) + ",30").findings("visit-window"))
          .as("day %d", d)
          .singleElement()
          .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }
  }

  @Test
  void visitWindowLaterIsNinetyDaysAroundBaselinePlusMonthsOfThirtyPointFourThreeSevenFiveDays() {
    String p1 = "P1,C1,2020-02-01,30,female,white,psychosis,1,2022-06-01,,";
    LocalDate b = LocalDate.of(2020, 2, 1);
    // month 12: target = baseline + 365.25 days, so the window is (275.25, 455.25) days after
    // baseline
    for (int d : new int[] {276, 365, 455}) {
      assertThat(outcome(p1, "P1,QPR,12," + b.plusDays(d) + ",30").validate().findings())
          .as("day %d", d)
          .isEmpty();
    }
    for (int d : new int[] {275, 456}) {
      assertThat(outcome(p1, "P1,QPR,12," + b.plusDays(d) + ",30").findings("visit-window"))
          .as("day %d", d)
          .hasSize(1);
    }
  }

  @Test
  void meetingDateWithinThirtyDaysBeforeBaselineToFollowupEnd() {
    // P1: baseline 2020-02-01, followup_end 2021-02-01
    for (String ok : new String[] {"2020-01-02", "2021-02-01"}) {
      TrialDir t =
          TrialDir.valid(dir).rows(TrialFile.NETWORK_MEETINGS, "M1,P1," + ok + ",video,2,0,");
      assertThat(t.validate().findings()).as(ok).isEmpty();
    }
    for (String bad : new String[] {"2020-01-01", "2021-02-02"}) {
      TrialDir t =
          TrialDir.valid(dir).rows(TrialFile.NETWORK_MEETINGS, "M1,P1," + bad + ",video,2,0,");
      assertThat(t.findings("meeting-outside-followup"))
          .as(bad)
          .singleElement()
          .satisfies(f -> assertThat(f.column()).isEqualTo("meeting_date"));
    }
  }

  @Test
  void fewerThanTwoPractitionersIsAWarningOnlyInTheOdArm() {
    TrialDir t =
        TrialDir.valid(dir)
            .rows(
                TrialFile.NETWORK_MEETINGS,
                "M1,P1,2020-02-10,video,1,0,",
                "M2,P1,2020-02-11,video,0,0,",
                "M3,P1,2020-02-12,video,2,0,",
                "M4,P2,2020-03-10,phone,0,2,");
    List<Finding> f = t.findings("too-few-practitioners");
    assertThat(f).extracting(Finding::record).containsExactly("M1", "M2");
    assertThat(f).allSatisfy(x -> assertThat(x.severity()).isEqualTo(Severity.WARNING));
    assertThat(t.validate().findings()).hasSize(2); // the TAU meeting is fine
  }
}
