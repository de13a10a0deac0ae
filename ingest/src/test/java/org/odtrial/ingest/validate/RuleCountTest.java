package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;

/** The denominators of the data-quality summary: records checked and failed per rule and site. */
class RuleCountTest {
  @TempDir Path dir;

  private static RuleCount count(ValidationReport r, String file, String rule, String site) {
    return r.ruleCounts().stream()
        .filter(
            c ->
                c.file().equals(file)
                    && c.rule().equals(rule)
                    && java.util.Objects.equals(c.site(), site))
        .findFirst()
        .orElse(null);
  }

  @Test
  void cellRulesCountEveryRecordAndCrossRulesTheRecordsTheyCouldCheck() {
    ValidationReport r = TrialDir.valid(dir).validate();
    assertThat(count(r, "participants.csv", "required", "S1"))
        .isEqualTo(new RuleCount("participants.csv", "required", "S1", 1, 0, 0));
    assertThat(count(r, "participants.csv", "required", "S2").rowsChecked()).isEqualTo(1);
    // both outcomes belong to P1 (site S1) and have what visit-window needs
    assertThat(count(r, "outcomes.csv", "visit-window", "S1").rowsChecked()).isEqualTo(2);
    assertThat(count(r, "outcomes.csv", "visit-window", "S2")).isNull();
    // only M1 is in the OD arm: M2 (TAU) is not checked for practitioners
    assertThat(count(r, "network_meetings.csv", "too-few-practitioners", "S1").rowsChecked())
        .isEqualTo(1);
    assertThat(count(r, "network_meetings.csv", "too-few-practitioners", "S2")).isNull();
    // no participant died: the death rules were applied to no record and are left out
    assertThat(count(r, "participants.csv", "death-outside-followup", "S1")).isNull();
    assertThat(r.sites()).containsExactly("S1", "S2");
  }

  @Test
  void aRecordFailingARuleInTwoColumnsIsOneFailedRecord() {
    ValidationReport r =
        TrialDir.valid(dir)
            .append(TrialFile.ADMISSIONS, "E2,P1,,,2020-05-20,no", "E3,P1,inpatient,2020-06-01,,")
            .validate();
    RuleCount required = count(r, "admissions.csv", "required", "S1");
    assertThat(required.rowsChecked()).isEqualTo(3);
    assertThat(required.rowsFailed()).isEqualTo(1);
    assertThat(required.findings()).isEqualTo(2);
    assertThat(required.rowsPassed()).isEqualTo(2);
    assertThat(required.shareFailed()).isEqualTo(1.0 / 3);
  }

  @Test
  void fileLevelRulesHaveNoDenominator() {
    TrialDir t = TrialDir.valid(dir);
    t.write(TrialFile.ADMISSIONS, "");
    ValidationReport r = t.validate();
    RuleCount empty = count(r, "admissions.csv", "empty-file", null);
    assertThat(empty.perRecord()).isFalse();
    assertThat(empty.rowsChecked()).isEqualTo(-1);
    assertThat(empty.findings()).isEqualTo(1);
    assertThat(Double.isNaN(empty.shareFailed())).isTrue();
    List<RuleCount> all = r.ruleCounts();
    assertThat(all).allMatch(c -> c.rowsFailed() <= Math.max(c.rowsChecked(), c.findings()));
  }
}
