package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odtrial.ingest.contract.TrialFile;

class CellRulesTest {
  @TempDir Path dir;

  private static final String P2 = "P2,C2,2020-03-01,40,male,asian,bipolar,0,2021-03-01,,";

  /** Participant P1 with one cell replaced (canonical column index). */
  private TrialDir participantWith(int column, String value) {
    String[] cells = "P1,C1,2020-02-01,30,female,white,psychosis,1,2021-02-01,,".split(",", -1);
    cells[column] = value;
    return TrialDir.valid(dir).rows(TrialFile.PARTICIPANTS, String.join(",", cells), P2);
  }

  private Finding only(TrialDir t) {
    List<Finding> all = t.validate().findings();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void requiredValueMissing() {
    Finding f = only(participantWith(4, ""));
    assertThat(f.rule()).isEqualTo("required");
    assertThat(f.column()).isEqualTo("sex");
    assertThat(f.record()).isEqualTo("P1");
    assertThat(f.site()).isEqualTo("S1");
    assertThat(f.line()).isEqualTo(2);
  }

  @Test
  void optionalValueMayBeEmpty() {
    assertThat(participantWith(5, "").validate().findings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"NA", "N/A", ".", "-99", "-999", "NULL", "na", "null"})
  void missingDataCodesAreErrorsSayingToLeaveTheCellEmpty(String code) {
    Finding f = only(participantWith(7, code));
    assertThat(f.rule()).isEqualTo("missing-code");
    assertThat(f.column()).isEqualTo("prior_admissions");
    assertThat(f.message()).contains("leave the cell empty");
  }

  @Test
  void missingDataCodeInDateAndCodeColumns() {
    assertThat(only(participantWith(10, "NA")).rule()).isEqualTo("missing-code");
    assertThat(only(participantWith(6, "N/A")).rule()).isEqualTo("missing-code");
    assertThat(only(participantWith(2, "NULL")).message()).contains("baseline_date is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"P 1", "P1.0", "P#1", "abcdefghijabcdefghijabcdefghijabc", " P1"})
  void invalidIdentifiers(String id) {
    Finding f =
        only(
            TrialDir.valid(dir)
                .append(TrialFile.ADMISSIONS, "E2," + id + ",inpatient,2020-06-01,,no"));
    assertThat(f.rule()).isEqualTo("id-format");
    assertThat(f.column()).isEqualTo("participant_id");
    assertThat(f.message()).contains("1 to 32 characters");
  }

  @Test
  void thirtyTwoCharacterIdIsValid() {
    // (not ..._0123456789: ten digits with a valid NHS check digit inside an id are reported)
    String id = "abcdefghij-ABCDEFGHIJ_0123456780";
    assertThat(id).hasSize(32);
    TrialDir t =
        TrialDir.valid(dir).append(TrialFile.ADMISSIONS, id + ",P1,inpatient,2020-06-01,,no");
    assertThat(t.validate().findings()).isEmpty();
  }

  @Test
  void invalidRecordIdIsNotUsedAsTheFindingsRecord() {
    List<Finding> f =
        TrialDir.valid(dir)
            .append(TrialFile.ADMISSIONS, "E 2,P1,inpatient,2020-06-01,,nope")
            .validate()
            .findings();
    assertThat(f).hasSize(2).allSatisfy(x -> assertThat(x.record()).isNull());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"Female|female", "' female'|female", "FEMALE|female", "Male |male"})
  void codeNearMissSuggestsTheValidCode(String given, String suggested) {
    Finding f = only(participantWith(4, given));
    assertThat(f.rule()).isEqualTo("code");
    assertThat(f.message()).contains("did you mean '" + suggested + "'");
  }

  @Test
  void leadingSpaceBeforeArmSuggestsOd() {
    TrialDir t =
        TrialDir.valid(dir)
            .rows(
                TrialFile.CLUSTERS,
                "C1,S1, OD,2020-01-01,north,3,8421",
                "C2,S2,TAU,2020-01-01,south,2,5000");
    List<Finding> f = t.findings("code");
    assertThat(f)
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("did you mean 'OD'"));
  }

  @Test
  void codeWithoutNearMissListsTheValidCodes() {
    Finding f =
        only(TrialDir.valid(dir).rows(TrialFile.ADMISSIONS, "E1,P1,ward,2020-05-01,2020-05-20,no"));
    assertThat(f.message()).doesNotContain("did you mean").contains("inpatient, crisis_team");
  }

  @Test
  void spaceForUnderscoreIsANearMiss() {
    Finding f =
        only(
            TrialDir.valid(dir)
                .rows(TrialFile.NETWORK_MEETINGS, "M1,P1,2020-02-10,in person,2,3,home"));
    assertThat(f.message()).contains("did you mean 'in_person'");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "03/04/2021|day/month/year",
        "3.4.2021|day/month/year",
        "03-04-21|day/month/year",
        "2021-4-3|two digits",
        "44290|Excel serial",
        "44290.5|Excel serial",
        "2021-04-03T10:00|date-time",
        "2021-04-03 10:00:00|date-time",
        "April 3 2021|YYYY-MM-DD",
        "20210403|no hyphens"
      })
  void badDateFormatsAreNamedAndTheExpectedFormatGiven(String value, String named) {
    Finding f = only(participantWith(9, value));
    assertThat(f.rule()).isEqualTo("date-format");
    assertThat(f.message()).contains(named).contains("YYYY-MM-DD");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2021-02-29", "2021-04-31", "2021-13-01", "2021-00-10", "2021-01-00"})
  void impossibleCalendarDates(String value) {
    Finding f = only(participantWith(9, value));
    assertThat(f.rule()).isEqualTo("calendar-date");
  }

  @Test
  void leapDayIsAValidDate() {
    assertThat(participantWith(2, "2020-02-29").validate().findings()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"30.0,integer", "thirty,integer", "3e1,integer", "15,range", "111,range", "-1,range"})
  void integers(String value, String rule) {
    Finding f = only(participantWith(3, value));
    assertThat(f.rule()).isEqualTo(rule);
    assertThat(f.column()).isEqualTo("age");
  }

  @Test
  void integerRangeBoundsAreInclusive() {
    assertThat(participantWith(3, "16").validate().findings()).isEmpty();
    assertThat(participantWith(3, "110").validate().findings()).isEmpty();
  }

  @Test
  void listSizeHasNoUpperBoundButMustNotBeNegative() {
    TrialDir ok =
        TrialDir.valid(dir)
            .rows(
                TrialFile.CLUSTERS,
                "C1,S1,OD,2020-01-01,north,3,912345678",
                "C2,S2,TAU,2020-01-01,south,2,0");
    assertThat(ok.validate().findings()).isEmpty();
    TrialDir bad =
        TrialDir.valid(dir)
            .rows(
                TrialFile.CLUSTERS,
                "C1,S1,OD,2020-01-01,north,6,8421",
                "C2,S2,TAU,2020-01-01,south,2,-1");
    assertThat(bad.findings("range"))
        .extracting(Finding::column)
        .containsExactly("deprivation_quintile", "list_size");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "QPR|61|range",
        "QPR|-0.5|range",
        "BPRS|23.9|range",
        "BPRS|169|range",
        "SPS|97|range",
        "CSQ8|7|range",
        "SDMQ9|100.5|range",
        "EQ5D_VAS|101|range",
        "QPR|'12,5'|decimal",
        "QPR|1e1|decimal",
        "QPR|NaN|decimal",
        "QPR|abc|decimal"
      })
  void scoresMustBeDecimalsWithinTheInstrumentRange(String instrument, String score, String rule) {
    Finding f =
        only(
            TrialDir.valid(dir)
                .rows(TrialFile.OUTCOMES, "P1," + instrument + ",0,2020-02-01,\"" + score + "\""));
    assertThat(f.rule()).isEqualTo(rule);
    assertThat(f.column()).isEqualTo("score");
  }

  @ParameterizedTest
  @CsvSource({
    "QPR,0",
    "QPR,60",
    "BPRS,24",
    "BPRS,168",
    "SPS,24",
    "SPS,96",
    "CSQ8,32",
    "SDMQ9,0",
    "EQ5D_VAS,100",
    "QPR,37.25"
  })
  void scoresAtTheRangeBoundsAreValid(String instrument, String score) {
    TrialDir t =
        TrialDir.valid(dir).rows(TrialFile.OUTCOMES, "P1," + instrument + ",0,2020-02-01," + score);
    assertThat(t.validate().findings()).isEmpty();
  }

  @Test
  void commaDecimalIsExplained() {
    Finding f = only(TrialDir.valid(dir).rows(TrialFile.OUTCOMES, "P1,QPR,0,2020-02-01,\"12,5\""));
    assertThat(f.message()).contains("point, not a comma");
  }

  @Test
  void timepointRange() {
    Finding f = only(TrialDir.valid(dir).rows(TrialFile.OUTCOMES, "P1,QPR,61,2020-02-01,12"));
    assertThat(f.rule()).isEqualTo("range");
    assertThat(f.column()).isEqualTo("timepoint");
  }

  @Test
  void textLength() {
    String long65 = "x".repeat(65);
    TrialDir t =
        TrialDir.valid(dir)
            .rows(
                TrialFile.CLUSTERS,
                "C1,S1,OD,2020-01-01," + long65 + ",3,8421",
                "C2,S2,TAU,2020-01-01," + "y".repeat(64) + ",2,5000");
    assertThat(t.findings("text-length"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.line()).isEqualTo(2);
              assertThat(f.message()).contains("65 characters");
            });
  }

  @Test
  void cellFindingsOfOneRowComeInColumnOrder() {
    TrialDir t =
        TrialDir.valid(dir)
            .rows(
                TrialFile.PARTICIPANTS,
                "P1,C1,2020-02-01,300,Female,white,psychosis,1,2021-02-01,,",
                P2);
    assertThat(t.validate().findings()).extracting(Finding::column).containsExactly("age", "sex");
  }
}
