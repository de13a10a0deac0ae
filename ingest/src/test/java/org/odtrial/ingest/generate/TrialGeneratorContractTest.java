package org.odtrial.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Severity;

/** A clean generated trial obeys the data contract and looks like the trial the model describes. */
class TrialGeneratorContractTest {
  private static final int CLUSTERS = 40;
  private static final int PARTICIPANTS = 4000;

  @TempDir static Path dir;
  static GenerationSummary summary;
  static List<ContractCheck.Issue> issues;

  @BeforeAll
  static void generate() throws IOException {
    summary = TrialGenerator.of(GeneratorOptions.of(CLUSTERS, PARTICIPANTS, 7)).writeTo(dir);
    issues = ContractCheck.check(dir);
  }

  @Test
  void noErrorsAndOnlyTheRealisticWarnings() {
    assertThat(issues).filteredOn(i -> i.severity() == Severity.ERROR).isEmpty();
    Map<String, Long> warnings =
        issues.stream()
            .collect(
                Collectors.groupingBy(
                    ContractCheck.Issue::rule, TreeMap::new, Collectors.counting()));
    assertThat(warnings.keySet()).isSubsetOf("overlap", "od-fidelity", "visit-window");
    assertThat(warnings.getOrDefault("overlap", 0L))
        .isPositive()
        .isLessThan(summary.rows(TrialFile.ADMISSIONS) / 100);
    assertThat(warnings.getOrDefault("visit-window", 0L))
        .isPositive()
        .isLessThan(summary.rows(TrialFile.OUTCOMES) / 100);
    assertThat(warnings.getOrDefault("od-fidelity", 0L))
        .isPositive()
        .isLessThan(summary.rows(TrialFile.NETWORK_MEETINGS) / 20);
  }

  @Test
  void rowCountsMatchTheFiles() throws IOException {
    for (TrialFile file : TrialFile.values()) {
      assertThat(Files.readAllLines(dir.resolve(file.fileName()), StandardCharsets.UTF_8))
          .hasSize((int) summary.rows(file) + 1);
    }
    assertThat(summary.rows(TrialFile.PARTICIPANTS)).isEqualTo(PARTICIPANTS);
    assertThat(summary.participants()).isEqualTo(PARTICIPANTS);
    assertThat(summary.rows(TrialFile.CLUSTERS)).isEqualTo(CLUSTERS);
    assertThat(summary.totalMistakes()).isZero();
    assertThat(summary.injected()).isEmpty();
  }

  @Test
  void sitesClustersAndArms() throws IOException {
    List<String[]> clusters = rows(TrialFile.CLUSTERS);
    assertThat(summary.sites()).isEqualTo(5);
    Map<String, int[]> armsBySite = new TreeMap<>();
    for (String[] c : clusters) {
      armsBySite.computeIfAbsent(c[1], k -> new int[2])[c[2].equals("OD") ? 0 : 1]++;
    }
    assertThat(armsBySite).hasSize(5);
    armsBySite.values().forEach(a -> assertThat(Math.abs(a[0] - a[1])).isLessThanOrEqualTo(1));
    assertThat(clusters.get(0)[0]).isEqualTo("GP001");
    assertThat(clusters.get(0)[1]).isEqualTo("T01");

    Map<String, Integer> sizes = new HashMap<>();
    for (String[] p : rows(TrialFile.PARTICIPANTS)) {
      sizes.merge(p[1], 1, Integer::sum);
    }
    assertThat(sizes).hasSize(CLUSTERS);
    int min = sizes.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
    int max = sizes.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    assertThat(max).as("cluster sizes vary widely").isGreaterThan(3 * min);
  }

  @Test
  void participantsIdsFollowUpWithdrawalsAndDeaths() throws IOException {
    List<String[]> people = rows(TrialFile.PARTICIPANTS);
    assertThat(people.get(0)[0]).isEqualTo("P0001");
    assertThat(people.get(people.size() - 1)[0]).isEqualTo("P4000");
    long died = people.stream().filter(p -> !p[10].isEmpty()).count();
    long withdrawn = people.stream().filter(p -> !p[9].isEmpty()).count();
    long full = people.stream().filter(p -> days(p[2], p[8]) == 820).count();
    long shorter = people.stream().filter(p -> days(p[2], p[8]) < 730).count();
    assertThat(died).isBetween(20L, 400L);
    assertThat(withdrawn).isBetween(150L, 450L);
    assertThat(full).isGreaterThan(PARTICIPANTS / 2);
    assertThat(shorter).isGreaterThan(PARTICIPANTS / 10);
    assertThat(people).allSatisfy(p -> assertThat(days(p[2], p[8])).isBetween(0L, 820L));
  }

  @Test
  void admissionsHaveIndexEpisodesRelapsesAndOpenEpisodes() throws IOException {
    Map<String, String> baseline = new HashMap<>();
    rows(TrialFile.PARTICIPANTS).forEach(p -> baseline.put(p[0], p[2]));
    List<String[]> episodes = rows(TrialFile.ADMISSIONS);
    long index = episodes.stream().filter(e -> days(baseline.get(e[1]), e[3]) < 0).count();
    long open = episodes.stream().filter(e -> e[4].isEmpty()).count();
    long relapsed =
        episodes.stream()
            .filter(e -> days(baseline.get(e[1]), e[3]) > 0)
            .map(e -> e[1])
            .distinct()
            .count();
    assertThat(episodes).noneMatch(e -> days(baseline.get(e[1]), e[3]) == 0);
    assertThat(index).isBetween(PARTICIPANTS / 2L, PARTICIPANTS * 8L / 10);
    assertThat(open).isPositive().isLessThan(episodes.size() / 10);
    assertThat(relapsed).isBetween(PARTICIPANTS / 5L, PARTICIPANTS * 6L / 10);
    assertThat(episodes).allSatisfy(e -> assertThat(e[0]).matches("E\\d{4}-\\d+"));
  }

  @Test
  void outcomesMissMoreVisitsLater() throws IOException {
    Map<String, Long> qprByMonth =
        rows(TrialFile.OUTCOMES).stream()
            .filter(o -> o[1].equals("QPR"))
            .collect(Collectors.groupingBy(o -> o[2], Collectors.counting()));
    assertThat(qprByMonth.keySet()).containsExactlyInAnyOrder("0", "12", "24");
    assertThat(qprByMonth.get("0")).isGreaterThan(qprByMonth.get("12"));
    assertThat(qprByMonth.get("12")).isGreaterThan(qprByMonth.get("24"));
    assertThat(qprByMonth.get("24")).isGreaterThan(PARTICIPANTS / 3L);
    List<String> instruments =
        rows(TrialFile.OUTCOMES).stream().map(o -> o[1]).distinct().sorted().toList();
    assertThat(instruments).containsExactly("BPRS", "CSQ8", "EQ5D_VAS", "QPR", "SDMQ9", "SPS");
  }

  @Test
  void meetingsMostlyOdWithSomeContamination() throws IOException {
    Map<String, String> clusterArm = new HashMap<>();
    rows(TrialFile.CLUSTERS).forEach(c -> clusterArm.put(c[0], c[2]));
    Map<String, String> arm = new HashMap<>();
    Map<String, String> baseline = new HashMap<>();
    rows(TrialFile.PARTICIPANTS)
        .forEach(
            p -> {
              arm.put(p[0], clusterArm.get(p[1]));
              baseline.put(p[0], p[2]);
            });
    List<String[]> meetings = rows(TrialFile.NETWORK_MEETINGS);
    Map<String, List<String[]>> byPerson =
        meetings.stream().collect(Collectors.groupingBy(m -> m[1]));
    long odParticipants = arm.values().stream().filter("OD"::equals).count();
    long tauParticipants = arm.size() - odParticipants;
    long odWithMeeting = byPerson.keySet().stream().filter(p -> arm.get(p).equals("OD")).count();
    long tauWithMeeting = byPerson.size() - odWithMeeting;
    assertThat(odWithMeeting).isGreaterThan(odParticipants * 3 / 4);
    assertThat(tauWithMeeting).isPositive().isLessThan(tauParticipants / 20);
    long firstWithinOneDay =
        byPerson.entrySet().stream()
            .filter(e -> arm.get(e.getKey()).equals("OD"))
            .filter(
                e -> {
                  long d = days(baseline.get(e.getKey()), e.getValue().get(0)[2]);
                  return d >= 0 && d <= 1;
                })
            .count();
    assertThat((double) firstWithinOneDay / odWithMeeting).isBetween(0.65, 0.85);
    assertThat(meetings).allSatisfy(m -> assertThat(Integer.parseInt(m[5])).isBetween(0, 6));
  }

  @ParameterizedTest(name = "{0} clusters, {1} participants")
  @CsvSource({"1, 0", "1, 5", "3, 2", "9, 9", "17, 250"})
  void smallAndOddTrialsAreValidToo(int clusters, int participants, @TempDir Path out)
      throws IOException {
    GenerationSummary s =
        TrialGenerator.of(GeneratorOptions.of(clusters, participants, 11)).writeTo(out);
    assertThat(ContractCheck.check(out)).filteredOn(i -> i.severity() == Severity.ERROR).isEmpty();
    assertThat(s.rows(TrialFile.PARTICIPANTS)).isEqualTo(participants);
    assertThat(s.rows(TrialFile.CLUSTERS)).isEqualTo(clusters);
    assertThat(s.sites()).isEqualTo(Math.max(1, Math.round(clusters / 8.0)));
    if (participants >= clusters) {
      List<String> used = new ArrayList<>();
      for (String line :
          Files.readAllLines(out.resolve("participants.csv")).subList(1, participants + 1)) {
        used.add(line.split(",", -1)[1]);
      }
      assertThat(used.stream().distinct().count())
          .as("every cluster has a participant")
          .isEqualTo(clusters);
    }
  }

  @Test
  void progressCountsParticipants(@TempDir Path out) {
    List<Long> seen = new ArrayList<>();
    TrialGenerator.of(GeneratorOptions.of(5, 25_000, 3)).writeTo(out, seen::add);
    assertThat(seen).containsExactly(10_000L, 20_000L, 25_000L);
  }

  private static long days(String from, String to) {
    return LocalDate.parse(to).toEpochDay() - LocalDate.parse(from).toEpochDay();
  }

  private static List<String[]> rows(TrialFile file) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve(file.fileName()), StandardCharsets.UTF_8);
    return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
  }
}
