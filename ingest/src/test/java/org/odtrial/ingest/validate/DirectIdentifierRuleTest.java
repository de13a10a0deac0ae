package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;

class DirectIdentifierRuleTest {
  @TempDir Path dir;

  private static void neverEchoed(List<Finding> findings, String... secrets) {
    for (Finding f : findings) {
      for (String s : secrets) {
        for (String field :
            new String[] {f.message(), f.record(), f.column(), f.site(), f.file()}) {
          if (field != null) {
            assertThat(field).doesNotContain(s).doesNotContain(s.replace(" ", ""));
          }
        }
      }
    }
  }

  @Test
  void anyCellOfAnyFileIsChecked() {
    TrialDir t =
        TrialDir.valid(dir)
            .rows(
                TrialFile.CLUSTERS,
                "C1,S1,OD,2020-01-01,call 07700 900123,3,8421",
                "C2,S2,TAU,2020-01-01,south,2,5000")
            .rows(
                TrialFile.PARTICIPANTS,
                "P1,C1,2020-02-01,30,jo@example.org,white,psychosis,1,2021-02-01,,",
                "P2,C2,2020-03-01,40,male,asian,bipolar,0,2021-03-01,,")
            .append(TrialFile.ADMISSIONS, "E2,P1,inpatient,2020-06-01,,SW1A 1AA")
            .append(TrialFile.OUTCOMES, "P1,QPR,6,2020-08-01,943 476 5919");
    ValidationReport report = t.validate();
    List<Finding> hits =
        report.findings().stream().filter(f -> f.rule().equals("direct-identifier")).toList();
    assertThat(hits)
        .extracting(Finding::file, Finding::line, Finding::column)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("clusters.csv", 2L, "stratum"),
            org.assertj.core.groups.Tuple.tuple("participants.csv", 2L, "sex"),
            org.assertj.core.groups.Tuple.tuple("admissions.csv", 3L, "detained"),
            org.assertj.core.groups.Tuple.tuple("outcomes.csv", 4L, "score"));
    assertThat(hits).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    assertThat(hits.get(1).message()).contains("e-mail address");
    // the cell gets no other finding that might quote it
    assertThat(report.findings()).hasSize(4);
    neverEchoed(
        report.findings(),
        "07700 900123",
        "jo@example.org",
        "SW1A 1AA",
        "943 476 5919",
        "5919",
        "1AA");
  }

  @Test
  void anIdentifierInAKeyColumnIsNotUsedAsRecordId() {
    TrialDir t =
        TrialDir.valid(dir).append(TrialFile.ADMISSIONS, "9434765919,P1,inpatient,2020-06-01,,no");
    List<Finding> f = t.validate().findings();
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.rule()).isEqualTo("direct-identifier");
              assertThat(x.record()).isNull();
              assertThat(x.message()).contains("NHS number");
            });
    neverEchoed(f, "9434765919");
  }

  @Test
  void aReferenceToAnIdentifierIsNotEchoedAsUnknownId() {
    TrialDir t =
        TrialDir.valid(dir)
            .append(TrialFile.NETWORK_MEETINGS, "M9,07700900123,2020-02-10,video,2,0,home");
    List<Finding> f = t.validate().findings();
    assertThat(f).extracting(Finding::rule).containsExactly("direct-identifier");
    neverEchoed(f, "07700900123");
  }

  @Test
  void aHeaderCellIsCheckedToo() {
    TrialDir t =
        TrialDir.valid(dir)
            .write(
                TrialFile.ADMISSIONS,
                "episode_id,participant_id,setting,start_date,end_date,detained,jo@example.org\n");
    List<Finding> f = t.validate().findings();
    assertThat(f).extracting(Finding::rule).containsExactly("direct-identifier");
    neverEchoed(f, "jo@example.org");
  }

  @Test
  void cellsUnderUnknownColumnsAndInRaggedRowsAreCheckedToo() {
    TrialDir t =
        TrialDir.valid(dir)
            .write(
                TrialFile.ADMISSIONS,
                "episode_id,participant_id,setting,start_date,end_date,detained,notes\n"
                    + "E1,P1,inpatient,2020-05-01,2020-05-20,no,ring 07700 900123\n"
                    + "E2,P1,inpatient,2020-06-01,,no,fine,B33 8TH\n");
    List<Finding> f =
        t.validate().findings().stream().filter(x -> x.rule().equals("direct-identifier")).toList();
    assertThat(f)
        .extracting(Finding::line, Finding::column, Finding::record)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, "notes", "E1"),
            org.assertj.core.groups.Tuple.tuple(3L, null, null));
    neverEchoed(t.validate().findings(), "07700 900123", "B33 8TH");
  }

  @Test
  void legitimateValuesOfTheExampleKindAreNotFlagged() {
    TrialDir t =
        TrialDir.valid(dir)
            .rows(
                TrialFile.CLUSTERS,
                "GP01,T1,OD,2019-05-01,north,5,16613",
                "GP02,T2,TAU,2019-05-08,north,4,8421")
            .rows(
                TrialFile.PARTICIPANTS,
                "S0012,GP01,2020-02-01,30,female,white,psychosis,1,2021-02-01,,",
                "P2,GP02,2020-03-01,40,male,asian,bipolar,0,2021-03-01,,")
            .rows(TrialFile.ADMISSIONS, "S0012-E1,S0012,inpatient,2020-05-01,2020-05-20,no")
            .rows(TrialFile.OUTCOMES, "S0012,BPRS,0,2020-02-01,61.5")
            .rows(TrialFile.NETWORK_MEETINGS, "S0012-M13,S0012,2020-02-10,in_person,2,3,home");
    assertThat(t.validate().findings()).isEmpty();
  }
}
