package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;

/** Findings compared with one value of another record are grouped under it, in report order. */
class RootCauseTest {
  @TempDir Path dir;

  private static final String P2 = "P2,C2,2020-03-01,40,male,asian,bipolar,0,2021-03-01,,";

  private TrialDir participant1(String baseline, String end) {
    return TrialDir.valid(dir)
        .rows(
            TrialFile.PARTICIPANTS,
            "P1,C1," + baseline + ",30,female,white,psychosis,1," + end + ",,",
            P2);
  }

  @Test
  void anEarlyFollowupEndIsTheRootOfTheLateRecordsInEveryFile() {
    // followup_end 2020-04-01 (after baseline, so no finding of its own): the admission of May,
    // the month-12 score and a meeting in June all look late
    TrialDir t =
        participant1("2020-02-01", "2020-04-01")
            .append(TrialFile.NETWORK_MEETINGS, "M3,P1,2020-06-01,video,2,1,home");
    List<Finding> all = t.validate().findings();
    Finding root = all.get(0);
    assertThat(root.rule()).isEqualTo("root-cause");
    assertThat(root.severity()).isEqualTo(Severity.WARNING);
    assertThat(root.file()).isEqualTo("participants.csv");
    assertThat(root.line()).isEqualTo(2);
    assertThat(root.column()).isEqualTo("followup_end");
    assertThat(root.record()).isEqualTo("P1");
    assertThat(root.site()).isEqualTo("S1");
    assertThat(root.root()).isNull();
    assertThat(root.message())
        .startsWith("3 findings in other records were compared with this followup_end (2020-04-01)")
        .contains("admission-after-followup 1")
        .contains("assessed-after-followup 1")
        .contains("meeting-outside-followup 1");
    // the consequences follow their root in file order, each naming it
    assertThat(all.subList(1, 4))
        .extracting(Finding::file, Finding::rule, Finding::root)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "admissions.csv", "admission-after-followup", root.queryId()),
            org.assertj.core.groups.Tuple.tuple(
                "outcomes.csv", "assessed-after-followup", root.queryId()),
            org.assertj.core.groups.Tuple.tuple(
                "network_meetings.csv", "meeting-outside-followup", root.queryId()));
    // nothing is merged away: each consequence still counts as the error it is
    ValidationReport report = t.validate();
    assertThat(report.errors()).isEqualTo(3);
    assertThat(report.warnings()).isEqualTo(1);
  }

  @Test
  void aFindingOnTheValueItselfIsTheRoot() {
    // followup_end before baseline is a finding on followup_end; the admission after it hangs under
    // it
    List<Finding> all = participant1("2020-02-01", "2020-01-15").validate().findings();
    Map<String, Long> byRule =
        all.stream()
            .collect(Collectors.groupingBy(Finding::rule, TreeMap::new, Collectors.counting()));
    assertThat(byRule).doesNotContainKey("root-cause");
    Finding root = all.get(0);
    assertThat(root.rule()).isEqualTo("followup-before-baseline");
    assertThat(all.stream().filter(f -> root.queryId().equals(f.root())))
        .extracting(Finding::rule)
        .contains("admission-after-followup", "assessed-after-followup");
    // the consequences come right after the root, before the rest of participants.csv
    int i = 1;
    while (i < all.size() && root.queryId().equals(all.get(i).root())) {
      i++;
    }
    assertThat(all.subList(i, all.size())).allMatch(f -> !root.queryId().equals(f.root()));
  }

  @Test
  void aSingleLateRecordStandsAlone() {
    List<Finding> all = participant1("2020-02-01", "2020-05-10").validate().findings();
    assertThat(all)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("assessed-after-followup");
              assertThat(f.root()).isNull();
            });
  }

  @Test
  void aBaselineIsTheRootOfVisitsOutsideTheirWindowsOnlyAtTwoTimepointsOrMore() {
    // one visit (two scores at month 12) outside its window: the visit's date is suspect, no root
    TrialDir oneVisit =
        TrialDir.valid(dir)
            .rows(
                TrialFile.OUTCOMES,
                "P1,QPR,0,2020-02-01,30",
                "P1,QPR,12,2020-08-01,35",
                "P1,BPRS,12,2020-08-01,40");
    assertThat(oneVisit.validate().findings())
        .extracting(Finding::rule, Finding::root)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("visit-window", null));
    // months 0 and 12 both outside their windows: the baseline is the root
    TrialDir shifted =
        TrialDir.valid(dir)
            .rows(TrialFile.OUTCOMES, "P1,QPR,0,2020-04-01,30", "P1,QPR,12,2020-10-01,35");
    List<Finding> all = shifted.validate().findings();
    assertThat(all).hasSize(3);
    assertThat(all.get(0).rule()).isEqualTo("root-cause");
    assertThat(all.get(0).column()).isEqualTo("baseline_date");
    assertThat(all.get(0).message()).contains("visit-window 2");
    assertThat(all.subList(1, 3)).extracting(Finding::root).containsOnly(all.get(0).queryId());
  }

  @Test
  void aClusterRandomisedLateIsTheRootOfItsParticipantsEarlyBaselines() {
    TrialDir t =
        TrialDir.valid(dir)
            .rows(
                TrialFile.CLUSTERS,
                "C1,S1,OD,2020-06-01,north,3,8421",
                "C2,S2,TAU,2020-01-01,south,2,5000")
            .rows(
                TrialFile.PARTICIPANTS,
                "P1,C1,2020-02-01,30,female,white,psychosis,1,2021-02-01,,",
                "P3,C1,2020-03-01,30,female,white,psychosis,1,2021-02-01,,",
                P2)
            .rows(TrialFile.OUTCOMES, "P1,QPR,0,2020-02-01,30");
    List<Finding> all = t.validate().findings();
    assertThat(all.get(0))
        .satisfies(
            r -> {
              assertThat(r.rule()).isEqualTo("root-cause");
              assertThat(r.file()).isEqualTo("clusters.csv");
              assertThat(r.column()).isEqualTo("randomised_on");
              assertThat(r.record()).isEqualTo("C1");
              assertThat(r.message()).contains("baseline-before-randomisation 2");
            });
    assertThat(all.subList(1, 3))
        .extracting(Finding::rule, Finding::root)
        .containsOnly(
            org.assertj.core.groups.Tuple.tuple(
                "baseline-before-randomisation", all.get(0).queryId()));
  }

  @Test
  void theSampleUploadsWrongFollowupEndHasEveryLateRecordUnderIt() throws Exception {
    Path dirty = Path.of("..", "sample-data", "dirty");
    try (ValidationReport report = Validator.of().validate(dirty)) {
      List<Finding> all = report.findings();
      Finding p002 =
          all.stream()
              .filter(f -> "P002".equals(f.record()) && f.rule().equals("followup-before-baseline"))
              .findFirst()
              .orElseThrow();
      List<Finding> late =
          all.stream()
              .filter(
                  f ->
                      f.message().contains("followup_end 2019-11-29")
                          && !f.file().equals("participants.csv"))
              .toList();
      // 3 admissions and 14 scores after the wrong followup_end (the raw files say so)
      assertThat(late).hasSize(17).allMatch(f -> p002.queryId().equals(f.root()));
      assertThat(late)
          .extracting(Finding::rule)
          .containsOnly("admission-after-followup", "assessed-after-followup");
      int at = all.indexOf(p002);
      assertThat(all.subList(at + 1, at + 1 + late.size())).isEqualTo(late);
    }
  }
}
