package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.analysis.data.StoredLoad;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.generate.GeneratorOptions;
import org.odtrial.ingest.generate.TrialGenerator;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.SiteUpload;
import org.odtrial.ingest.store.StoreSettings;
import org.odtrial.ingest.store.TrialStore;

/**
 * Several people on one trial at once, on a PostgreSQL server: an analysis reads one load, whole,
 * while a site's new load commits; site uploads ingested at the same time all land, each replacing
 * its own site's records only.
 */
class ConcurrentSiteLoadsTest {
  @TempDir static Path tmp;

  /** A generated trial of 4 sites, large enough that a file is read in several cursor fetches. */
  static Path trial;

  static final String[] SITES = {"T01", "T02", "T03", "T04"};

  @BeforeAll
  static void generate() {
    trial = tmp.resolve("trial");
    TrialGenerator.of(GeneratorOptions.of(32, 3000, 15)).writeTo(trial);
  }

  private static Map<String, String> records(TrialStore store, TrialFile file, int load) {
    Map<String, String> out = new TreeMap<>();
    store.read(file, load, v -> out.put(key(file, v), csv(v)));
    return out;
  }

  /** A record as its CSV line (a missing value is an empty cell). */
  private static String csv(String[] v) {
    List<String> cells = new ArrayList<>();
    for (String s : v) {
      cells.add(s == null ? "" : s);
    }
    return String.join(",", cells);
  }

  private static String key(TrialFile file, String[] v) {
    return file == TrialFile.OUTCOMES ? v[0] + "|" + v[1] + "|" + v[2] : v[0];
  }

  /**
   * The site's part of the trial without its outcomes: its load closes all of them (stored with
   * --allow-emptied, rule emptied-file).
   */
  private static Path withoutOutcomes(String site) {
    Path upload = SiteUpload.split(trial, site, tmp.resolve("no-outcomes-" + site));
    SiteUpload.write(
        upload,
        TrialFile.OUTCOMES,
        List.<String[]>of(SiteUpload.rows(upload, TrialFile.OUTCOMES).get(0)));
    return upload;
  }

  @Test
  void anAnalysisReadsOneLoadWholeWhileANewLoadCommits() throws Exception {
    String db = ServerStore.newDatabase();
    assertThat(Run.of("ingest", trial.toString(), "--db", db).exit()).isZero();
    Path t02 = withoutOutcomes("T02");
    List<String> seen = new ArrayList<>();
    Run[] concurrent = {null};
    try (TrialStore reader = TrialStore.open(db, StoreSettings.DEFAULT)) {
      StoredLoad analysis = StoredLoad.of(reader, Optional.empty());
      assertThat(analysis.info().load()).isEqualTo(1);
      analysis.forEach(
          TrialFile.OUTCOMES,
          v -> {
            if (seen.isEmpty()) {
              // mid-read, another connection commits load 2, which closes every T02 outcome
              Thread t =
                  new Thread(
                      () ->
                          concurrent[0] =
                              Run.of(
                                  "ingest",
                                  t02.toString(),
                                  "--db",
                                  db,
                                  "--site",
                                  "T02",
                                  "--allow-emptied"));
              t.start();
              try {
                t.join(TimeUnit.MINUTES.toMillis(2));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            }
            seen.add(csv(v));
          });
      assertThat(concurrent[0]).isNotNull();
      assertThat(concurrent[0].exit()).as(concurrent[0].all()).isZero();
      assertThat(concurrent[0].out()).contains("Stored load 2 of site T02");
    }
    List<String[]> uploaded = SiteUpload.rows(trial, TrialFile.OUTCOMES);
    assertThat(uploaded.size() - 1).isGreaterThan(3 * 8192); // several fetches of the cursor
    try (TrialStore store = TrialStore.open(db, StoreSettings.DEFAULT)) {
      // the analysis saw load 1 whole, as it was uploaded, T02's outcomes included
      List<String> load1 = new ArrayList<>();
      store.read(TrialFile.OUTCOMES, 1, v -> load1.add(csv(v)));
      assertThat(seen).hasSize(uploaded.size() - 1).containsExactlyElementsOf(load1);
      assertThat(seen)
          .containsExactlyInAnyOrderElementsOf(
              uploaded.subList(1, uploaded.size()).stream().map(r -> String.join(",", r)).toList());
      // and load 2 is the trial without them
      int t02Outcomes =
          SiteUpload.rows(SiteUpload.split(trial, "T02", tmp.resolve("t02")), TrialFile.OUTCOMES)
                  .size()
              - 1;
      assertThat(t02Outcomes).isPositive();
      assertThat(records(store, TrialFile.OUTCOMES, 2)).hasSize(seen.size() - t02Outcomes);
    }
  }

  @Test
  void siteUploadsIngestedAtTheSameTimeAllLandAndLoseNothing() throws Exception {
    String db = ServerStore.newDatabase();
    assertThat(Run.of("ingest", trial.toString(), "--db", db).exit()).isZero();
    // three sites at once: T02 and T03 drop their outcomes, T04 drops its first participant
    Map<String, Path> uploads = new TreeMap<>();
    uploads.put("T02", withoutOutcomes("T02"));
    uploads.put("T03", withoutOutcomes("T03"));
    Path t04 = SiteUpload.split(trial, "T04", tmp.resolve("t04-less"));
    SiteUpload.dropFirstParticipant(t04);
    uploads.put("T04", t04);

    ExecutorService pool = Executors.newFixedThreadPool(3);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Run>> runs = new ArrayList<>();
    for (Map.Entry<String, Path> e : uploads.entrySet()) {
      runs.add(
          pool.submit(
              () -> {
                start.await();
                // T02's and T03's uploads remove all their outcomes on purpose
                return Run.of(
                    "ingest",
                    e.getValue().toString(),
                    "--db",
                    db,
                    "--site",
                    e.getKey(),
                    "--allow-emptied");
              }));
    }
    start.countDown();
    for (Future<Run> f : runs) {
      Run r = f.get(3, TimeUnit.MINUTES);
      assertThat(r.exit()).as(r.all()).isZero();
    }
    pool.shutdown();

    try (TrialStore store = TrialStore.open(db, StoreSettings.DEFAULT)) {
      List<LoadInfo> loads = store.loads();
      assertThat(loads).hasSize(4);
      assertThat(loads.subList(1, 4))
          .extracting(LoadInfo::site)
          .containsExactlyInAnyOrder("T02", "T03", "T04");
      // the trial now: T01 as uploaded first, T02 to T04 as each of them uploaded last
      for (TrialFile f : TrialFile.values()) {
        Map<String, String> expected = new TreeMap<>();
        for (String s : SITES) {
          Path upload =
              uploads.getOrDefault(s, SiteUpload.split(trial, s, tmp.resolve("now-" + f + s)));
          for (String[] r :
              SiteUpload.rows(upload, f).subList(1, SiteUpload.rows(upload, f).size())) {
            expected.put(key(f, r), csv(r));
          }
        }
        assertThat(records(store, f, 4)).as(f.fileName()).isEqualTo(expected);
      }
    }
    Run verify = Run.of("verify", "--db", db);
    assertThat(verify.exit()).as(verify.all()).isZero();
  }
}
