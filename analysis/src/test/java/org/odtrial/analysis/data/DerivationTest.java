package org.odtrial.analysis.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.odtrial.ingest.contract.TrialFile;

class DerivationTest {

  static Path exampleTrial() throws URISyntaxException {
    return Path.of(DerivationTest.class.getResource("/example-trial/upload").toURI());
  }

  @Test
  void exampleTrialMatchesRsDerivedData() throws Exception {
    AnalysisData data = Derivation.of(730).derive(new CsvFolderSource(exampleTrial()));
    Map<String, Participant> byId = new HashMap<>();
    data.participants().forEach(p -> byId.put(p.participantId(), p));

    Path derived = exampleTrial().resolveSibling("derived.csv");
    int checked = 0;
    try (Reader r = Files.newBufferedReader(derived, StandardCharsets.UTF_8);
        CSVParser parser =
            CSVParser.parse(
                r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      for (CSVRecord row : parser) {
        Participant p = byId.get(row.get("participant_id"));
        assertThat(p).as(row.get("participant_id")).isNotNull();
        assertThat(p.clusterId()).isEqualTo(row.get("cluster_id"));
        assertThat(p.arm()).isEqualTo(row.get("arm"));
        assertThat(p.baselineDate()).hasToString(row.get("baseline_date"));
        assertThat(p.end()).as("end of %s", p.participantId()).hasToString(row.get("end"));
        assertThat(p.relapse() ? 1 : 0)
            .as("relapse of %s", p.participantId())
            .isEqualTo(Integer.parseInt(row.get("relapse")));
        assertThat(p.relapseDays())
            .as("relapse_days of %s", p.participantId())
            .isEqualTo(Integer.parseInt(row.get("relapse_days")));
        assertThat(p.admissions())
            .as("admissions of %s", p.participantId())
            .isEqualTo(Integer.parseInt(row.get("admissions")));
        assertThat(p.bedDays())
            .as("bed_days of %s", p.participantId())
            .isEqualTo(Integer.parseInt(row.get("bed_days")));
        assertThat(p.followupYears())
            .isCloseTo(Double.parseDouble(row.get("followup_years")), within(1e-15));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(280).isEqualTo(data.participants().size());
  }

  @Test
  void episodeOnBaselineOrBeforeNeverCountsAsRelapseButItsBedDaysAfterBaselineDo() {
    Fixture f = new Fixture().participant("P1", "2020-01-10", "2022-01-10", null);
    f.admission(
        "P1",
        "inpatient",
        "2020-01-05",
        "2020-01-15"); // index episode across baseline: 5 nights after
    f.admission(
        "P1", "crisis_team", "2020-01-10", "2020-01-20"); // on the baseline date: not a relapse
    Participant p = f.derive(730).participants().get(0);
    assertThat(p.relapse()).isFalse();
    assertThat(p.admissions()).isZero();
    assertThat(p.bedDays()).isEqualTo(5);
    assertThat(p.relapseDays()).isEqualTo(730);
  }

  @Test
  void firstEpisodeStrictlyAfterBaselineIsTheRelapseWhicheverSetting() {
    Fixture f = new Fixture().participant("P1", "2020-01-10", "2022-01-10", null);
    f.admission("P1", "inpatient", "2020-03-01", "2020-03-04");
    f.admission("P1", "crisis_team", "2020-01-11", "2020-01-30");
    Participant p = f.derive(730).participants().get(0);
    assertThat(p.relapse()).isTrue();
    assertThat(p.relapseDays()).isEqualTo(1);
    assertThat(p.admissions()).isEqualTo(2);
    assertThat(p.bedDays()).isEqualTo(3);
  }

  @Test
  void episodesAfterTheHorizonAreIgnoredAndOpenEpisodesRunToEnd() {
    Fixture f = new Fixture().participant("P1", "2020-01-01", "2023-01-01", null);
    f.admission(
        "P1", "inpatient", "2021-12-25", null); // open: runs to end = baseline + 730 = 2021-12-31
    f.admission("P1", "inpatient", "2022-01-05", "2022-01-09"); // after the horizon
    Participant p = f.derive(730).participants().get(0);
    assertThat(p.end()).hasToString("2021-12-31");
    assertThat(p.relapse()).isTrue();
    assertThat(p.relapseDays()).isEqualTo(724);
    assertThat(p.admissions()).isEqualTo(1);
    assertThat(p.bedDays()).isEqualTo(6);
    assertThat(p.followupYears()).isEqualTo(730 / 365.25);
  }

  @Test
  void episodeStartingOnEndCountsAndShortFollowUpCensorsAtFollowupEnd() {
    Fixture f = new Fixture().participant("P1", "2020-01-01", "2020-06-01", null);
    f.admission("P1", "inpatient", "2020-06-01", "2020-06-10");
    Participant p = f.derive(730).participants().get(0);
    assertThat(p.relapse()).isTrue();
    assertThat(p.relapseDays()).isEqualTo(152);
    assertThat(p.bedDays()).isZero();

    Fixture g = new Fixture().participant("P2", "2020-01-01", "2020-06-01", null);
    Participant q = g.derive(730).participants().get(0);
    assertThat(q.relapse()).isFalse();
    assertThat(q.relapseDays()).isEqualTo(152);
  }

  @Test
  void deathBeforeRelapseCensorsAtDeath() {
    Fixture f = new Fixture().participant("P1", "2020-01-01", "2020-03-01", "2020-03-01");
    f.admission("P1", "inpatient", "2020-01-20", "2020-03-01"); // relapse before death
    Fixture g = new Fixture().participant("P2", "2020-01-01", "2020-03-01", "2020-03-01");
    Participant relapsed = f.derive(730).participants().get(0);
    Participant died = g.derive(730).participants().get(0);
    assertThat(relapsed.relapse()).isTrue();
    assertThat(relapsed.relapseDays()).isEqualTo(19);
    assertThat(relapsed.bedDays()).isEqualTo(41);
    assertThat(died.relapse()).isFalse();
    assertThat(died.died()).isTrue();
    assertThat(died.relapseDays()).isEqualTo(60);
  }

  @Test
  void meetingsCountFromThirtyDaysBeforeBaselineToEnd() {
    Fixture f = new Fixture().participant("P1", "2020-02-01", "2020-12-31", null);
    f.meeting("P1", "2020-01-01", 2, 1); // 31 days before: outside
    f.meeting("P1", "2020-01-02", 1, 0); // 30 days before: inside
    f.meeting("P1", "2020-02-02", 2, 3);
    f.meeting("P1", "2020-12-31", 2, 3);
    AnalysisData d = f.derive(730);
    Participant p = d.participants().get(0);
    assertThat(p.meetings()).isEqualTo(3);
    assertThat(p.daysToFirstMeeting()).isEqualTo(-30);
    assertThat(d.meetings()).extracting(Meeting::daysFromBaseline).containsExactly(-30, 1, 334);
  }

  @Test
  void scoresArePerParticipantWithNaNWhereMissing() {
    Fixture f =
        new Fixture()
            .participant("P1", "2020-01-01", "2022-01-01", null)
            .participant("P2", "2020-01-01", "2022-01-01", null);
    f.outcome("P2", "QPR", 12, "41.5");
    AnalysisData d = f.derive(730);
    assertThat(d.scores("QPR", 12))
        .hasValueSatisfying(s -> assertThat(s).containsExactly(Double.NaN, 41.5));
    assertThat(d.scores("QPR", 24)).isEmpty();
  }

  @Test
  void onlyTheInstrumentsAskedForAreKept() {
    Fixture f = new Fixture().participant("P1", "2020-01-01", "2022-01-01", null);
    f.outcome("P1", "QPR", 12, "41.5");
    f.outcome("P1", "BPRS", 12, "50");
    AnalysisData d = Derivation.of(730).withInstruments(java.util.Set.of("QPR")).derive(f);
    assertThat(d.scores("QPR", 12)).isPresent();
    assertThat(d.scores("BPRS", 12)).isEmpty();
    assertThat(Derivation.of(730).derive(f).scores("BPRS", 12)).isPresent();
  }

  /** A tiny in-memory upload with one OD cluster. */
  static final class Fixture implements RecordSource {
    private final Map<TrialFile, List<String[]>> rows = new HashMap<>();

    Fixture() {
      add(
          TrialFile.CLUSTERS,
          "cluster_id",
          "GP1",
          "site_id",
          "T1",
          "arm",
          "OD",
          "randomised_on",
          "2019-01-01");
    }

    Fixture participant(String id, String baseline, String followupEnd, String died) {
      add(
          TrialFile.PARTICIPANTS,
          "participant_id",
          id,
          "cluster_id",
          "GP1",
          "baseline_date",
          baseline,
          "age",
          "40",
          "sex",
          "female",
          "followup_end",
          followupEnd,
          "died_on",
          died);
      return this;
    }

    void admission(String pid, String setting, String start, String end) {
      add(
          TrialFile.ADMISSIONS,
          "episode_id",
          "E" + count(TrialFile.ADMISSIONS),
          "participant_id",
          pid,
          "setting",
          setting,
          "start_date",
          start,
          "end_date",
          end);
    }

    void meeting(String pid, String date, int practitioners, int members) {
      add(
          TrialFile.NETWORK_MEETINGS,
          "meeting_id",
          "M" + count(TrialFile.NETWORK_MEETINGS),
          "participant_id",
          pid,
          "meeting_date",
          date,
          "mode",
          "in_person",
          "practitioners",
          String.valueOf(practitioners),
          "network_members",
          String.valueOf(members));
    }

    void outcome(String pid, String instrument, int timepoint, String score) {
      add(
          TrialFile.OUTCOMES,
          "participant_id",
          pid,
          "instrument",
          instrument,
          "timepoint",
          String.valueOf(timepoint),
          "assessed_on",
          "2021-01-01",
          "score",
          score);
    }

    AnalysisData derive(int horizon) {
      return Derivation.of(horizon).derive(this);
    }

    private int count(TrialFile f) {
      return rows.getOrDefault(f, List.of()).size();
    }

    private void add(TrialFile file, String... pairs) {
      String[] v = new String[file.columns().size()];
      for (int i = 0; i < pairs.length; i += 2) {
        v[file.indexOf(pairs[i])] = pairs[i + 1];
      }
      rows.computeIfAbsent(file, k -> new ArrayList<>()).add(v);
    }

    @Override
    public void forEach(TrialFile file, java.util.function.Consumer<String[]> action) {
      rows.getOrDefault(file, List.of()).forEach(action);
    }
  }
}
