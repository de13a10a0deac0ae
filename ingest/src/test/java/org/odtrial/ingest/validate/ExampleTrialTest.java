package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.odtrial.ingest.contract.TrialFile;

/** The worked example of the contract: a valid upload with the warnings its README promises. */
class ExampleTrialTest {

  static Path exampleTrial() throws URISyntaxException {
    return Path.of(ExampleTrialTest.class.getResource("/example-trial/clusters.csv").toURI())
        .getParent();
  }

  @Test
  void exampleTrialHasNoErrorsAndTheExpectedWarnings() throws Exception {
    ValidationReport report = Validator.of().validate(exampleTrial());
    assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.ERROR).isEmpty();
    Map<String, Long> byRule =
        report.findings().stream()
            .collect(Collectors.groupingBy(Finding::rule, TreeMap::new, Collectors.counting()));
    // The README also mentions overlapping episodes, but no two episodes of one participant in the
    // example share
    // even a day (checked pairwise), so none is expected. The counts below are recomputed here from
    // the raw files.
    assertThat(byRule)
        .containsOnly(
            Map.entry("too-few-practitioners", singlePractitionerOdMeetings()),
            Map.entry("assessed-after-withdrawal", assessmentsAfterWithdrawal()),
            Map.entry("root-cause", participantsAssessedTwiceAfterWithdrawal()));
    // each root cause is the participant's withdrawn_on, its consequences right after it
    List<Finding> all = report.findings();
    for (int i = 0; i < all.size(); i++) {
      Finding f = all.get(i);
      if (f.rule().equals("root-cause")) {
        assertThat(f.file()).isEqualTo("participants.csv");
        assertThat(f.column()).isEqualTo("withdrawn_on");
        assertThat(all.get(i + 1).root()).isEqualTo(f.queryId());
        assertThat(all.get(i + 1).rule()).isEqualTo("assessed-after-withdrawal");
      }
    }
    assertThat(report.files()).hasSize(5);
    assertThat(report.files().get(TrialFile.PARTICIPANTS).rows()).isEqualTo(280);
    assertThat(report.files().get(TrialFile.CLUSTERS).rows()).isEqualTo(12);
  }

  /** Rows of a file (the example has no quoted cells), header dropped. */
  private static List<String[]> rows(String name) throws Exception {
    List<String> lines = Files.readAllLines(exampleTrial().resolve(name));
    List<String[]> out = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      out.add(l.split(",", -1));
    }
    return out;
  }

  private static long singlePractitionerOdMeetings() throws Exception {
    Map<String, String> armOfCluster = new HashMap<>();
    rows("clusters.csv").forEach(r -> armOfCluster.put(r[0], r[2]));
    Map<String, String> armOfParticipant = new HashMap<>();
    rows("participants.csv").forEach(r -> armOfParticipant.put(r[0], armOfCluster.get(r[1])));
    return rows("network_meetings.csv").stream()
        .filter(r -> armOfParticipant.get(r[1]).equals("OD") && Integer.parseInt(r[4]) < 2)
        .count();
  }

  private static long assessmentsAfterWithdrawal() throws Exception {
    Map<String, String> withdrawn = new HashMap<>();
    rows("participants.csv").forEach(r -> withdrawn.put(r[0], r[9]));
    return rows("outcomes.csv").stream()
        .filter(r -> !withdrawn.get(r[0]).isEmpty() && r[3].compareTo(withdrawn.get(r[0])) > 0)
        .count();
  }

  private static long participantsAssessedTwiceAfterWithdrawal() throws Exception {
    Map<String, String> withdrawn = new HashMap<>();
    rows("participants.csv").forEach(r -> withdrawn.put(r[0], r[9]));
    Map<String, Long> after =
        rows("outcomes.csv").stream()
            .filter(r -> !withdrawn.get(r[0]).isEmpty() && r[3].compareTo(withdrawn.get(r[0])) > 0)
            .collect(Collectors.groupingBy(r -> r[0], Collectors.counting()));
    return after.values().stream().filter(n -> n >= 2).count();
  }

  @Test
  void everyRecordReachesTheSinkInFileOrder() throws Exception {
    List<TrialFile> order = new ArrayList<>();
    long[] count = new long[1];
    ValidationReport report =
        Validator.of()
            .validate(
                exampleTrial(),
                (file, line, values) -> {
                  if (order.isEmpty() || order.get(order.size() - 1) != file) {
                    order.add(file);
                  }
                  assertThat(values).hasSize(file.columns().size());
                  count[0]++;
                });
    assertThat(order).containsExactly(TrialFile.values());
    long rows = report.files().values().stream().mapToLong(FileSummary::rows).sum();
    assertThat(count[0]).isEqualTo(rows).isEqualTo(2662 - 5);
  }
}
