package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.QueryStatus;
import org.odtrial.ingest.store.SiteUpload;
import org.odtrial.ingest.store.TrialStore;

/**
 * {@code odtrial ingest --site}: one site's upload replaces that site's records only, is checked
 * against the rest of the trial, and leaves the store sealed and verifiable; on a SQLite file and
 * on a PostgreSQL server alike, through the command line. Its tests run side by side (each on
 * stores of its own): the longest class of the module, it would otherwise finish alone.
 */
@Execution(ExecutionMode.CONCURRENT)
class SiteIngestTest {
  private static final String[] SITES = {"T01", "T02", "T03", "T04"};

  @TempDir static Path tmp;
  private static final AtomicInteger stores = new AtomicInteger();

  /** A new, empty store of the kind: a SQLite file, or a database on the test server. */
  private static String newStore(String kind) {
    return ServerStore.newStore(kind, tmp);
  }

  private static Path site(Path upload, String site) {
    return SiteUpload.split(
        upload, site, tmp.resolve("split-" + stores.incrementAndGet() + "-" + site));
  }

  private static Run ingest(Path dir, String db, String... more) {
    List<String> args = new ArrayList<>(List.of("ingest", dir.toString(), "--db", db));
    args.addAll(List.of(more));
    return Run.of(args.toArray(String[]::new));
  }

  /** Every record of a file at a load, keyed by its first key column. */
  private static Map<String, String> records(String db, TrialFile file, int load) {
    Map<String, String> out = new TreeMap<>();
    try (TrialStore store = TrialStore.open(db, org.odtrial.ingest.store.StoreSettings.DEFAULT)) {
      store.read(file, load, v -> out.put(String.join("|", v[0], v[1], v[2]), String.join(",", v)));
    }
    return out;
  }

  private static Map<String, String> records(String db, TrialFile file) {
    try (TrialStore store = TrialStore.open(db, org.odtrial.ingest.store.StoreSettings.DEFAULT)) {
      int latest = store.latestLoad().orElseThrow().load();
      return records(db, file, latest);
    }
  }

  private static List<LoadInfo> loads(String db) {
    try (TrialStore store = TrialStore.open(db, org.odtrial.ingest.store.StoreSettings.DEFAULT)) {
      return store.loads();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void fourSiteUploadsMakeTheSameTrialAsOneWholeUpload(String kind)
      throws IOException, SQLException {
    String bySite = newStore(kind);
    for (String s : SITES) {
      Run r = ingest(site(SampleData.CLEAN, s), bySite, "--site", s);
      assertThat(r.exit()).as(r.all()).isZero();
      assertThat(r.out()).contains(" of site " + s + " in ");
    }
    String whole = newStore(kind);
    assertThat(ingest(SampleData.CLEAN, whole).exit()).isZero();
    for (TrialFile f : TrialFile.values()) {
      assertThat(records(bySite, f, 4)).as(f.fileName()).isEqualTo(records(whole, f, 1));
    }
    // the data queries too: each site's raised by its own load, none resolved by another's
    try (TrialStore a = TrialStore.open(bySite, org.odtrial.ingest.store.StoreSettings.DEFAULT);
        TrialStore b = TrialStore.open(whole, org.odtrial.ingest.store.StoreSettings.DEFAULT)) {
      assertThat(a.queryCounts()).isEqualTo(b.queryCounts());
      assertThat(a.loads()).extracting(LoadInfo::site).containsExactly(SITES);
    }
    Run loads = Run.of("loads", "--db", bySite);
    assertThat(loads.out()).contains("site T03: ");
    Run json = Run.of("loads", "--db", bySite, "--format", "json");
    assertThat(json.out()).contains("\"site\": \"T04\"");
    Run verify = Run.of("verify", "--db", bySite);
    assertThat(verify.exit()).as(verify.all()).isZero();
    Run history = Run.of("history", "--db", bySite);
    assertThat(history.out()).contains("load 2 of site T02: ");
    if (kind.equals("sqlite")) {
      // the site a load replaced is sealed with it
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + bySite);
          Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE loads SET site = NULL WHERE load = 2");
      }
      Run broken = Run.of("verify", "--db", bySite);
      assertThat(broken.exit()).as(broken.all()).isEqualTo(1);
      assertThat(broken.out()).contains("load 2");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aSiteLoadReplacesOnlyThatSitesRecordsAndItsQueries(String kind) throws IOException {
    String db = newStore(kind);
    assertThat(ingest(SampleData.CLEAN, db).exit()).isZero();
    Map<String, Map<QueryStatus, Long>> before;
    try (TrialStore store = TrialStore.open(db, org.odtrial.ingest.store.StoreSettings.DEFAULT)) {
      before = store.queryCounts();
    }
    // T01's part of the next upload: P001 corrected, M027-3 corrected, M027-4 a new mistake; the
    // next upload also corrects T02's M124-5, which T01's load must not touch
    Run r = ingest(site(SampleData.NEXT, "T01"), db, "--site", "T01");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("Stored load 2 of site T01 in ")
        .contains("participants +0 ~1 -0")
        .contains("network_meetings +0 ~2 -0");
    Map<String, String> meetings = records(db, TrialFile.NETWORK_MEETINGS);
    Map<String, String> next = records(db, TrialFile.NETWORK_MEETINGS, 1);
    assertThat(meetings).hasSameSizeAs(next);
    String m124 = key(next, "M124-5");
    assertThat(meetings.get(m124)).isEqualTo(next.get(m124)); // T02's record as it was
    try (TrialStore store = TrialStore.open(db, org.odtrial.ingest.store.StoreSettings.DEFAULT)) {
      Map<String, Map<QueryStatus, Long>> after = store.queryCounts();
      for (String s : List.of("T02", "T03", "T04")) {
        assertThat(after.get(s)).as(s).isEqualTo(before.get(s));
      }
      assertThat(after.get("T01").get(QueryStatus.RESOLVED)).isEqualTo(1L);
    }
    Run diff = Run.of("diff", "--db", db, "--from", "1", "--to", "2", "--format", "csv");
    assertThat(diff.exit()).as(diff.all()).isZero();
    assertThat(diff.out()).contains("P001", "M027-3", "M027-4").doesNotContain("M124-5");
    Run again = ingest(site(SampleData.NEXT, "T01"), db, "--site", "T01");
    assertThat(again.out()).contains("Unchanged: the upload is identical to load 2 of site T01");
    assertThat(Run.of("verify", "--db", db).exit()).isZero();

    // then the whole next upload: only T02's correction is left to store
    Run whole = ingest(SampleData.NEXT, db);
    assertThat(whole.out()).contains("Stored load 3 in ", "network_meetings +0 ~1 -0");
    assertThat(Run.of("verify", "--db", db).exit()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aSitesParticipantLeftOutIsRemovedAtThatLoadOnly(String kind) throws IOException {
    String db = newStore(kind);
    assertThat(ingest(SampleData.CLEAN, db).exit()).isZero();
    Path t03 = site(SampleData.CLEAN, "T03");
    String gone = SiteUpload.dropFirstParticipant(t03);
    Run r = ingest(t03, db, "--site", "T03");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("participants +0 ~0 -1");
    assertThat(records(db, TrialFile.PARTICIPANTS).keySet()).noneMatch(k -> k.startsWith(gone));
    assertThat(records(db, TrialFile.PARTICIPANTS, 1).keySet()).anyMatch(k -> k.startsWith(gone));
    assertThat(records(db, TrialFile.PARTICIPANTS)).hasSize(599);
    assertThat(Run.of("verify", "--db", db).exit()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anUploadOfTheWrongSiteGetsFindingsAndStoresNothing(String kind) throws IOException {
    String db = newStore(kind);
    assertThat(ingest(SampleData.CLEAN, db).exit()).isZero();
    Path t03 = site(SampleData.CLEAN, "T03");

    Run wrong = ingest(t03, db, "--site", "T02", "--format", "json");
    assertThat(wrong.exit()).as(wrong.all()).isEqualTo(1);
    assertThat(wrong.out())
        .contains(
            "\"file\": \"clusters.csv\"",
            "\"line\": 2",
            "\"column\": \"site_id\"",
            "\"rule\": \"other-site\"",
            "site_id 'T03' is not 'T02', the site of this upload",
            "clusters.csv has no cluster of site T02")
        // the clusters' findings say it all: their records are not flagged one by one
        .doesNotContain("is already a record of");

    // T03's own upload with a participant and a meeting of other sites
    List<String[]> participants = SiteUpload.rows(t03, TrialFile.PARTICIPANTS);
    String[] p001 = SiteUpload.rows(SampleData.CLEAN, TrialFile.PARTICIPANTS).get(1).clone();
    p001[1] = "GP016"; // T01's participant id in a T03 cluster
    participants.add(p001);
    String[] intruder = participants.get(1).clone();
    intruder[0] = "P9999";
    intruder[1] = "GP001"; // a new participant in T01's cluster
    participants.add(intruder);
    SiteUpload.write(t03, TrialFile.PARTICIPANTS, participants);
    Run r = ingest(t03, db, "--site", "T03", "--format", "json");
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    int line = participants.size() - 1; // the first added row (header = line 1)
    assertThat(r.out())
        .contains(
            "\"line\": " + line,
            "participant_id 'P001' is already a record of site 'T01' in the store",
            "\"line\": " + (line + 1),
            "cluster_id 'GP001' is a cluster of site 'T01', not of 'T03'");

    // a site upload without the site's clusters would remove the whole site
    Path empty = tmp.resolve("empty-" + kind);
    Files.createDirectories(empty);
    for (TrialFile f : TrialFile.values()) {
      SiteUpload.write(empty, f, List.<String[]>of(SiteUpload.rows(t03, f).get(0)));
    }
    Run none = ingest(empty, db, "--site", "T03");
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.out()).contains("clusters.csv has no cluster of site T03");

    assertThat(loads(db)).hasSize(1);
    assertThat(Run.of("verify", "--db", db).exit()).isZero();
  }

  private static String key(Map<String, String> records, String id) {
    return records.keySet().stream().filter(k -> k.startsWith(id + "|")).findFirst().orElseThrow();
  }
}
