package org.odtrial.ingest.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.load.IngestResult;
import org.odtrial.ingest.load.Ingestor;
import org.odtrial.ingest.store.Query;
import org.odtrial.ingest.store.QueryAnswer;
import org.odtrial.ingest.store.QueryStatus;
import org.odtrial.ingest.store.QueryVersion;
import org.odtrial.ingest.store.StoreException;
import org.odtrial.ingest.store.TrialStore;
import org.odtrial.ingest.validate.QueryId;

/**
 * A weekly query cycle over three loads: the site fixes some queries, answers others and introduces
 * a new problem; every query's status is asserted after each step.
 */
class QueryLifecycleTest {
  @TempDir Path tmp;
  private Path upload;
  private Path db;
  private final Map<TrialFile, List<String>> rows = new LinkedHashMap<>();

  private static final String A =
      QueryId.of("network_meetings.csv", "M3", "practitioners", "too-few-practitioners", 0);
  private static final String B =
      QueryId.of("outcomes.csv", "P1/BPRS/12", "assessed_on", "visit-window", 0);
  private static final String C =
      QueryId.of("admissions.csv", "E2", "start_date", "episode-overlap", 0);
  private static final String D =
      QueryId.of("network_meetings.csv", "M4", "practitioners", "too-few-practitioners", 0);
  private static final String E =
      QueryId.of("network_meetings.csv", "M5", "practitioners", "too-few-practitioners", 0);

  @BeforeEach
  void load1Data() {
    upload = tmp.resolve("upload");
    db = tmp.resolve("trial.db");
    rows.put(
        TrialFile.CLUSTERS,
        new ArrayList<>(
            List.of(
                "cluster_id,site_id,arm,randomised_on,stratum,deprivation_quintile,list_size",
                "C1,S1,OD,2020-01-01,north,3,8421",
                "C2,S2,TAU,2020-01-01,south,2,5000")));
    rows.put(
        TrialFile.PARTICIPANTS,
        new ArrayList<>(
            List.of(
                "participant_id,cluster_id,baseline_date,age,sex,ethnicity,diagnosis,prior_admissions,followup_end,withdrawn_on,died_on",
                "P1,C1,2020-02-01,30,female,white,psychosis,1,2021-02-01,,",
                "P2,C2,2020-03-01,40,male,asian,bipolar,0,2021-03-01,,")));
    rows.put(
        TrialFile.ADMISSIONS,
        new ArrayList<>(
            List.of(
                "episode_id,participant_id,setting,start_date,end_date,detained",
                "E1,P1,inpatient,2020-05-01,2020-05-20,no",
                "E2,P1,inpatient,2020-05-10,2020-05-25,no")));
    rows.put(
        TrialFile.OUTCOMES,
        new ArrayList<>(
            List.of(
                "participant_id,instrument,timepoint,assessed_on,score",
                "P1,QPR,0,2020-02-01,30",
                "P1,QPR,12,2021-01-20,35.5",
                "P1,BPRS,12,2020-09-01,50")));
    rows.put(
        TrialFile.NETWORK_MEETINGS,
        new ArrayList<>(
            List.of(
                "meeting_id,participant_id,meeting_date,mode,practitioners,network_members,location",
                "M1,P1,2020-02-10,in_person,2,3,home",
                "M2,P2,2020-03-10,video,1,0,clinic",
                "M3,P1,2020-03-10,in_person,1,2,home",
                "M4,P1,2020-04-10,video,0,1,home")));
  }

  private void replace(TrialFile file, String startsWith, String row) {
    List<String> list = rows.get(file);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).startsWith(startsWith)) {
        list.set(i, row);
        return;
      }
    }
    throw new IllegalArgumentException(startsWith);
  }

  private int ingest() throws IOException {
    Files.createDirectories(upload);
    for (Map.Entry<TrialFile, List<String>> e : rows.entrySet()) {
      Files.writeString(
          upload.resolve(e.getKey().fileName()), String.join("\n", e.getValue()) + "\n");
    }
    try (IngestResult r = Ingestor.of("test").withUser("dm").ingest(upload, db)) {
      assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.STORED);
      return r.load().load();
    }
  }

  private Map<String, QueryStatus> statuses() {
    try (TrialStore store = TrialStore.open(db)) {
      Map<String, QueryStatus> out = new LinkedHashMap<>();
      store.queries(null, q -> out.put(q.id(), q.status()));
      return out;
    }
  }

  private void answer(String id, QueryStatus status, String note) {
    try (TrialStore store = TrialStore.open(db)) {
      store.answer(
          List.of(new QueryAnswer(id, status, note)),
          Instant.parse("2026-01-01T00:00:00Z"),
          "dm",
          "answer",
          "by hand");
    }
  }

  @Test
  void threeLoadsOfFixesAnswersAndANewProblem() throws IOException {
    assertThat(ingest()).isEqualTo(1);
    assertThat(statuses())
        .containsOnly(
            Map.entry(A, QueryStatus.NEW),
            Map.entry(B, QueryStatus.NEW),
            Map.entry(C, QueryStatus.NEW),
            Map.entry(D, QueryStatus.NEW));

    // the site answers: B's late visit is correct, C will be corrected
    answer(B, QueryStatus.CONFIRMED, "visit done late, date confirmed");
    answer(C, QueryStatus.WILL_CORRECT, "ward will check the discharge date");
    // load 2: A fixed, a new problem (M5), the rest as they were
    replace(TrialFile.NETWORK_MEETINGS, "M3,", "M3,P1,2020-03-10,in_person,2,2,home");
    rows.get(TrialFile.NETWORK_MEETINGS).add("M5,P1,2020-05-10,phone,1,0,home");
    assertThat(ingest()).isEqualTo(2);
    assertThat(statuses())
        .containsOnly(
            Map.entry(A, QueryStatus.RESOLVED),
            Map.entry(B, QueryStatus.CONFIRMED),
            Map.entry(C, QueryStatus.WILL_CORRECT),
            Map.entry(D, QueryStatus.OPEN),
            Map.entry(E, QueryStatus.NEW));

    // an answered CSV with one bad row records nothing ...
    Path answers = tmp.resolve("S1-answers.csv");
    Files.writeString(
        answers,
        "query_id,site,status,answer\n"
            + E
            + ",S1,confirmed,only one practitioner was available\n"
            + D
            + ",S1,fixed,\n",
        StandardCharsets.UTF_8);
    try (TrialStore store = TrialStore.open(db)) {
      AnswerImport.Result bad = AnswerImport.check(AnswerSheet.readCsv(answers), store::query);
      assertThat(bad.hasErrors()).isTrue();
      assertThat(bad.answers()).isEmpty();
      assertThat(bad.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.line()).isEqualTo(3);
                assertThat(p.column()).isEqualTo("status");
                assertThat(p.message()).contains("'fixed'");
              });
    }
    // ... and once corrected, it is recorded as one revision
    Files.writeString(
        answers,
        "query_id,site,status,answer\n"
            + E
            + ",S1,confirmed,only one practitioner was available\n"
            + D
            + ",S1,open,\n",
        StandardCharsets.UTF_8);
    try (TrialStore store = TrialStore.open(db)) {
      AnswerImport.Result ok = AnswerImport.check(AnswerSheet.readCsv(answers), store::query);
      assertThat(ok.problems()).isEmpty();
      assertThat(ok.unanswered()).isEqualTo(1);
      assertThat(
              store.answer(
                  ok.answers(),
                  Instant.parse("2026-01-02T00:00:00Z"),
                  "dm",
                  "import",
                  "S1-answers.csv"))
          .isEqualTo(1);
    }

    // load 3: B's date changes (still outside the window), C is fixed, A's problem is back
    replace(TrialFile.OUTCOMES, "P1,BPRS,12", "P1,BPRS,12,2020-09-15,50");
    replace(TrialFile.ADMISSIONS, "E2,", "E2,P1,inpatient,2020-05-20,2020-05-25,no");
    replace(TrialFile.NETWORK_MEETINGS, "M3,", "M3,P1,2020-03-10,in_person,1,2,home");
    assertThat(ingest()).isEqualTo(3);
    assertThat(statuses())
        .containsOnly(
            Map.entry(A, QueryStatus.OPEN),
            Map.entry(B, QueryStatus.OPEN),
            Map.entry(C, QueryStatus.RESOLVED),
            Map.entry(D, QueryStatus.OPEN),
            Map.entry(E, QueryStatus.CONFIRMED));

    try (TrialStore store = TrialStore.open(db)) {
      List<QueryVersion> history = store.queryHistory(B);
      assertThat(history)
          .extracting(QueryVersion::action, QueryVersion::status, QueryVersion::load)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("load", QueryStatus.OPEN, 1),
              org.assertj.core.groups.Tuple.tuple("answer", QueryStatus.CONFIRMED, 1),
              org.assertj.core.groups.Tuple.tuple("load", QueryStatus.OPEN, 3));
      assertThat(history.get(1).note()).isEqualTo("visit done late, date confirmed");
      assertThat(history.get(2).note()).isNull();
      assertThat(history.get(2).message()).contains("2020-09-15");
      Query e = store.query(E).orElseThrow();
      assertThat(e.note()).isEqualTo("only one practitioner was available");
      assertThat(e.firstLoad()).isEqualTo(2);
      assertThat(e.lastLoad()).isEqualTo(3);
      assertThat(e.site()).isEqualTo("S1");
      assertThat(e.line()).isEqualTo(6);
      Query c = store.query(C).orElseThrow();
      assertThat(c.lastLoad()).isEqualTo(2);
      // a resolved query cannot be answered; nothing changes
      assertThatThrownBy(
              () ->
                  store.answer(
                      List.of(new QueryAnswer(C, QueryStatus.CONFIRMED, null)),
                      Instant.EPOCH,
                      "dm",
                      "answer",
                      "x"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("resolved");
      // a load that raises a query unchanged writes no version: open, will-correct, resolved
      assertThat(store.queryHistory(C))
          .extracting(QueryVersion::status)
          .containsExactly(QueryStatus.OPEN, QueryStatus.WILL_CORRECT, QueryStatus.RESOLVED);
      // the site's list: S1 only, queries of the latest load in report order first
      List<String> s1 = new ArrayList<>();
      store.queries("S1", q -> s1.add(q.id()));
      assertThat(s1).hasSize(5).startsWith(B).endsWith(C);
      List<String> s2 = new ArrayList<>();
      store.queries("S2", q -> s2.add(q.id()));
      assertThat(s2).isEmpty();
    }
  }

  @Test
  void aLoadKeepsItsWarningsAndRuleCountsAsValidationReportedThem() throws IOException {
    ingest();
    try (org.odtrial.ingest.validate.ValidationReport validated =
            org.odtrial.ingest.validate.Validator.of().validate(upload);
        TrialStore store = TrialStore.open(db)) {
      org.odtrial.ingest.validate.FindingReport stored = store.findings(1);
      assertThat(stored.ruleCounts()).isEqualTo(validated.ruleCounts());
      assertThat(stored.sites()).isEqualTo(validated.sites());
      assertThat(stored.warnings()).isEqualTo(validated.warnings()).isEqualTo(4);
      assertThat(store.warnings(1)).isEqualTo(validated.findings());
      List<String> s2 = new ArrayList<>();
      stored.forEach("S2", f -> s2.add(f.queryId()));
      assertThat(s2).isEmpty();
      List<String> none = new ArrayList<>();
      stored.forEach(org.odtrial.ingest.validate.FindingReport.NO_SITE, f -> none.add(f.queryId()));
      assertThat(none).isEmpty();
    }
  }

  @Test
  void answeringARootCauseAnswersItsConsequences() throws IOException {
    // months 0 and 12 both outside their windows: P1's baseline_date is their root
    replace(TrialFile.OUTCOMES, "P1,QPR,0", "P1,QPR,0,2020-04-01,30");
    replace(TrialFile.OUTCOMES, "P1,QPR,12", "P1,QPR,12,2020-10-01,35");
    ingest();
    String root = QueryId.of("participants.csv", "P1", "baseline_date", "root-cause", 0);
    Map<String, QueryStatus> before = statuses();
    assertThat(before).containsEntry(root, QueryStatus.NEW);
    answer(root, QueryStatus.CONFIRMED, "baseline date checked against the consent form");
    try (TrialStore store = TrialStore.open(db)) {
      List<Query> under = new ArrayList<>();
      store.queries(
          null,
          q -> {
            if (root.equals(q.rootId())) {
              under.add(q);
            }
          });
      assertThat(under).hasSize(3).allMatch(q -> q.status() == QueryStatus.CONFIRMED);
      assertThat(under.stream().map(Query::rule).collect(Collectors.toSet()))
          .containsOnly("visit-window");
    }
  }
}
