package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.generate.GeneratorOptions;
import org.odtrial.ingest.generate.TrialGenerator;
import org.odtrial.ingest.store.LoadMetadata;
import org.odtrial.ingest.store.LoadWriter;
import org.odtrial.ingest.store.TrialStore;

/**
 * The failures of issue 9 as a user meets them on the command line: a store edited with sqlite3,
 * the lock, two ingests at once, read-only and empty stores, ids a spreadsheet would run,
 * identifiers in disguise, and inputs that exhaust memory. Its tests run side by side (each on
 * files of its own): the longest class of the module, it would otherwise finish alone.
 */
@Execution(ExecutionMode.CONCURRENT)
class TrustCommandsTest {
  @TempDir Path tmp;

  private Path ingested() {
    return IngestedSample.copyTo(tmp.resolve("trial.db"));
  }

  private static void sql(Path db, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      for (String s : statements) {
        st.execute(s);
      }
    }
  }

  @Test
  void analyseAndReportRefuseALoadEditedWithSqlAndVerifyNamesIt() throws Exception {
    Path db = ingested();
    // unedited, the same store analyses (exit 0; IngestedSample fails otherwise)
    IngestedSample.analysed();
    // seven points added to twenty month-12 scores, one cluster's arm flipped
    sql(
        db,
        "UPDATE outcomes SET score = score + 7, score_text = CAST(score + 7 AS TEXT) WHERE rowid"
            + " IN (SELECT rowid FROM outcomes WHERE timepoint = 12 LIMIT 20)",
        "UPDATE clusters SET arm = CASE arm WHEN 'OD' THEN 'TAU' ELSE 'OD' END WHERE rowid = 1");
    Run analyse =
        Run.of(
            "analyse", "--db", db.toString(), "--load", "1", "--out", tmp.resolve("b").toString());
    assertThat(analyse.exit()).isEqualTo(1);
    assertThat(analyse.err())
        .contains("load 1 of trial.db no longer matches its seal", "nothing was computed")
        .doesNotContain("Exception");
    assertThat(tmp.resolve("b")).doesNotExist();
    Run report =
        Run.of("report", "--db", db.toString(), "--out", tmp.resolve("r").toString(), "--blinded");
    assertThat(report.exit()).isEqualTo(1);

    Run verify = Run.of("verify", "--db", db.toString());
    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.out())
        .contains("BROKEN", "First broken link: entry 1, load 1, table clusters, record GP001");
    JsonNode json =
        new ObjectMapper()
            .readTree(Run.of("verify", "--db", db.toString(), "--format", "json").out());
    assertThat(json.get("intact").asBoolean()).isFalse();
    assertThat(json.get("problems")).hasSize(2);
    assertThat(json.get("problems").get(1).get("table").asText()).isEqualTo("outcomes");
  }

  @Test
  void theLockStopsIngestsAllowsUnblindingAndIsSealedInTheHistory() throws Exception {
    // a blinded report made the blinding key (the fixture checks that it succeeded)
    Path db = IngestedSample.blindedCopyTo(tmp.resolve("trial.db"));
    Run early = Run.of("unblind", "--db", db.toString(), "--reason", "curious");
    assertThat(early.exit()).isEqualTo(2);
    assertThat(early.err()).contains("not locked");

    Run lock = Run.of("lock", "--db", db.toString(), "--reason", "all queries resolved");
    assertThat(lock.exit()).isZero();
    String head = lock.out().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(head).matches("[0-9a-f]{64}");

    Run ingest = Run.of("ingest", SampleData.DIRTY.toString(), "--db", db.toString());
    assertThat(ingest.exit()).isEqualTo(2);
    assertThat(ingest.err())
        .contains("is locked", "all queries resolved", "nothing can be ingested");
    assertThat(ingest.out()).isEmpty(); // refused before reading the upload

    assertThat(Run.of("unblind", "--db", db.toString(), "--reason", "final analysis").exit())
        .isZero();
    Run history = Run.of("history", "--db", db.toString());
    assertThat(history.out())
        .contains(
            "load 1:",
            "blinding-key-created",
            "locked: all queries resolved",
            "unblinded: final analysis");
    assertThat(Run.of("loads", "--db", db.toString()).out()).contains("Locked since");
    JsonNode chain =
        new ObjectMapper()
            .readTree(Run.of("history", "--db", db.toString(), "--format", "json").out());
    // load 1, its revision of the query history, the blinding key, the lock, the unblinding
    assertThat(chain).hasSize(5);
    assertThat(chain.get(1).get("kind").asText()).isEqualTo("revision");

    // the head printed at the lock is still in the chain; deleting the unblinding is caught
    Run anchored = Run.of("verify", "--db", db.toString(), "--head", head);
    assertThat(anchored.exit()).isZero();
    assertThat(anchored.out()).contains("is entry 4 of the chain");
    sql(db, "DELETE FROM history WHERE event = 'unblinded'");
    assertThat(Run.of("verify", "--db", db.toString()).out())
        .contains("entry 5, table history: history event 3 was deleted");
    sql(db, "DELETE FROM seals WHERE seq = 5");
    Run rewritten =
        Run.of(
            "verify",
            "--db",
            db.toString(),
            "--head",
            Run.of("verify", "--db", db.toString())
                .out()
                .lines()
                .reduce((a, b) -> b)
                .orElseThrow());
    assertThat(rewritten.exit()).isZero();
  }

  @Test
  void forcedUnblindingBeforeTheLockIsRecordedAsForced() {
    Path db = IngestedSample.blindedCopyTo(tmp.resolve("trial.db"));
    Run forced =
        Run.of("unblind", "--db", db.toString(), "--reason", "DSMB safety review", "--force");
    assertThat(forced.exit()).isZero();
    assertThat(Run.of("history", "--db", db.toString()).out())
        .contains("forced before the database lock: DSMB safety review");
    Run identifying = Run.of("lock", "--db", db.toString(), "--reason", "call 07700 900123 first");
    assertThat(identifying.exit()).isEqualTo(2);
    assertThat(identifying.err()).contains("direct identifier").doesNotContain("07700");
  }

  @Test
  void aSecondIngestWaitsForTheFirstThenSaysAnotherIngestIsRunning() throws Exception {
    Path db = ingested();
    Path changed = SampleData.copy(SampleData.CLEAN, tmp.resolve("changed"));
    List<String> lines = Files.readAllLines(changed.resolve("admissions.csv"));
    Files.write(changed.resolve("admissions.csv"), lines.subList(0, lines.size() - 1));
    Map<TrialFile, String> sha = new EnumMap<>(TrialFile.class);
    for (TrialFile f : TrialFile.values()) {
      sha.put(f, "0".repeat(64));
    }
    LoadMetadata meta = new LoadMetadata("1".repeat(64), sha, Instant.EPOCH, "first", "t", 1);
    try (TrialStore store = TrialStore.open(db);
        LoadWriter first = store.beginLoad(meta)) {
      long start = System.nanoTime();
      Run second = Run.of("ingest", changed.toString(), "--db", db.toString(), "--wait", "1");
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(second.exit()).isEqualTo(2);
      assertThat(second.err())
          .contains("another ingest is running on this store", "waited 1 s")
          .doesNotContain("SQLITE_BUSY");
      assertThat(second.out()).isEmpty(); // nothing validated
      assertThat(millis).isLessThan(30_000);
      first.abort();
    }
    // with the first one finished, the same command goes through
    Thread holder =
        new Thread(
            () -> {
              try (TrialStore store = TrialStore.open(db);
                  LoadWriter first = store.beginLoad(meta)) {
                Thread.sleep(1500);
                first.abort();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    holder.start();
    Thread.sleep(300);
    Run waited = Run.of("ingest", changed.toString(), "--db", db.toString(), "--wait", "60");
    holder.join();
    assertThat(waited.exit()).as(waited.err()).isZero();
    assertThat(waited.out()).contains("Stored load 2");
  }

  @Test
  void emptyAndCorruptFilesAreNeverTakenForAStore() throws Exception {
    Path empty = tmp.resolve("empty.db");
    Files.createFile(empty);
    for (String command : List.of("loads", "verify", "history", "warnings")) {
      Run r = Run.of(command, "--db", empty.toString());
      assertThat(r.exit()).as(command).isEqualTo(2);
      assertThat(r.err()).as(command).contains("is empty (0 bytes)").doesNotContain("internal");
    }
    Run ingest = Run.of("ingest", SampleData.CLEAN.toString(), "--db", empty.toString());
    assertThat(ingest.exit()).isEqualTo(2);
    assertThat(Files.size(empty)).isZero();

    Path corrupt = ingested();
    byte[] bytes = Files.readAllBytes(corrupt);
    for (int i = 4096; i < bytes.length; i += 7) {
      bytes[i] ^= 0x5A;
    }
    Files.write(corrupt, bytes);
    for (String command : List.of("loads", "verify", "history")) {
      Run r = Run.of(command, "--db", corrupt.toString());
      assertThat(r.exit()).as(command).isIn(1, 2);
      assertThat(r.err()).as(command).doesNotContain("internal error").isNotEmpty();
    }
  }

  @Test
  void aReadOnlyStoreGetsClearWordsFromEveryCommand() throws Exception {
    Path db = ingested();
    // root ignores file permissions, so the store is made immutable (as a read-only mount is)
    Process p = new ProcessBuilder("chattr", "+i", db.toString()).redirectErrorStream(true).start();
    assumeThat(p.waitFor()).as("chattr +i works here").isZero();
    try {
      Run blinded =
          Run.of(
              "report", "--db", db.toString(), "--out", tmp.resolve("r").toString(), "--blinded");
      assertThat(blinded.exit()).isEqualTo(2);
      assertThat(blinded.err())
          .contains("cannot create the blinding key: the store is read-only here")
          .doesNotContain("internal error");
      Run ingest = Run.of("ingest", SampleData.DIRTY.toString(), "--db", db.toString());
      assertThat(ingest.exit()).isEqualTo(2);
      assertThat(ingest.err()).contains("read-only");
      assertThat(ingest.out()).isEmpty(); // said before validating
      for (String[] command :
          List.of(
              new String[] {"lock", "--reason", "x"},
              new String[] {"unlock", "--reason", "x"},
              new String[] {"unblind", "--reason", "x"})) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--db", db.toString()));
        Run r = Run.of(args.toArray(String[]::new));
        assertThat(r.exit()).as(command[0]).isEqualTo(2);
        assertThat(r.err()).as(command[0]).doesNotContain("internal error");
      }
      for (String command : List.of("loads", "verify", "history", "warnings")) {
        assertThat(Run.of(command, "--db", db.toString()).exit()).as(command).isZero();
      }
      assertThat(
              Run.of("analyse", "--db", db.toString(), "--out", tmp.resolve("a").toString()).exit())
          .isZero();
    } finally {
      new ProcessBuilder("chattr", "-i", db.toString()).start().waitFor();
    }
  }

  /** Every cell of every CSV file under dir that a spreadsheet would run as a formula. */
  private static List<String> formulaCells(Path dir) throws IOException {
    List<String> bad = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".csv")).toList()) {
        try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
          for (CSVRecord r : CSVFormat.RFC4180.parse(in)) {
            for (String cell : r) {
              if (!cell.isEmpty()
                  && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0
                  && !cell.matches("-[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
                bad.add(dir.relativize(f) + ": " + cell);
              }
            }
          }
        }
      }
    }
    return bad;
  }

  @Test
  void idsStartingWithAMinusReachNoCsvUnescaped() throws Exception {
    // valid under the contract: ids of A-Z a-z 0-9 _ -, so "-P001" and "-T01" may be uploaded
    Path up = SampleData.copy(SampleData.CLEAN, tmp.resolve("minus"));
    Pattern ids = Pattern.compile("(?<=^|,)(GP\\d+|T\\d\\d|P\\d+)(?=,|$)", Pattern.MULTILINE);
    for (TrialFile f : TrialFile.values()) {
      Path p = up.resolve(f.fileName());
      Matcher m = ids.matcher(Files.readString(p));
      Files.writeString(p, m.replaceAll("-$1"));
    }
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Path db = tmp.resolve("minus.db");
    assertThat(
            Run.of(
                    "validate",
                    up.toString(),
                    "--format",
                    "csv",
                    "-o",
                    out.resolve("findings.csv").toString())
                .exit())
        .isZero();
    assertThat(Run.of("ingest", up.toString(), "--db", db.toString()).exit()).isZero();
    Files.writeString(
        out.resolve("warnings.csv"),
        Run.of("warnings", "--db", db.toString(), "--format", "csv").out());
    assertThat(
            Run.of("analyse", "--db", db.toString(), "--out", out.resolve("results").toString())
                .exit())
        .isZero();
    assertThat(
            Run.of("report", "--db", db.toString(), "--out", out.resolve("report").toString())
                .exit())
        .isZero();

    assertThat(Files.readString(out.resolve("findings.csv"))).contains("\n'-T01,");
    assertThat(Files.readString(out.resolve("warnings.csv"))).contains("\n'-T01,");
    assertThat(Files.readString(out.resolve("results/derived.csv"))).contains("\n'-P001,'-GP");
    try (Stream<Path> tables = Files.list(out.resolve("report"))) {
      assertThat(tables.filter(p -> p.getFileName().toString().startsWith("table-")).count())
          .isPositive();
    }
    assertThat(formulaCells(out)).isEmpty();
  }

  @Test
  void identifiersInEveryDisguiseAreNeverEchoed() throws Exception {
    Path up = SampleData.copy(SampleData.CLEAN, tmp.resolve("ids"));
    Path clusters = up.resolve("clusters.csv");
    List<String> c = new ArrayList<>(Files.readAllLines(clusters));
    c.set(1, c.get(1).replace(",north,", ",NHS no. 943 476 5919.,"));
    c.set(
        2,
        c.get(2)
            .replace(",north,", ",\"lives at SW1A\u00A01AA\",")
            .replace(",south,", ",\"lives at SW1A\u00A01AA\","));
    c.set(3, c.get(3).replaceFirst(",[a-z]+,", ",(someone@example.com),"));
    c.set(4, c.get(4).replaceFirst("^GP\\d+", "SW1A-1AA"));
    Files.write(clusters, c);
    Path participants = up.resolve("participants.csv");
    List<String> p = new ArrayList<>(Files.readAllLines(participants));
    p.set(1, p.get(1).replaceFirst("^P\\d+", "NHS9434765919"));
    Files.write(participants, p);
    Path admissions = up.resolve("admissions.csv");
    List<String> a = new ArrayList<>(Files.readAllLines(admissions));
    a.set(1, a.get(1).replaceFirst("^[^,]+", "943_476_5919"));
    Files.write(admissions, a);
    Files.writeString(up.resolve("tel 07700 900123.txt"), "notes");

    String[] secrets = {"9434765919", "943 476 5919", "943_476_5919", "SW1A", "someone@", "07700"};
    for (String format : List.of("text", "json", "csv")) {
      Run r = Run.of("validate", up.toString(), "--format", format);
      assertThat(r.exit()).isEqualTo(1);
      for (String s : secrets) {
        assertThat(r.all()).as(format).doesNotContain(s);
      }
      assertThat(r.all()).contains("direct-identifier");
    }
    Run json = Run.of("validate", up.toString(), "--format", "json");
    long hits = 0;
    for (JsonNode f : new ObjectMapper().readTree(json.out()).get("findings")) {
      hits += f.get("rule").asText().equals("direct-identifier") ? 1 : 0;
    }
    assertThat(hits).isEqualTo(7);
    Run ingest = Run.of("ingest", up.toString(), "--db", tmp.resolve("x.db").toString());
    assertThat(ingest.exit()).isEqualTo(1);
    for (String s : secrets) {
      assertThat(ingest.all()).doesNotContain(s);
    }
    // a path holding one is not echoed in an error either
    Run missing = Run.of("loads", "--db", tmp.resolve("jo@example.org/t.db").toString());
    assertThat(missing.err()).contains("[e-mail address removed]").doesNotContain("jo@example");
  }

  @Test
  void anIdentifierStoredBeforeItWasRecognisedIsNotEchoedByAnalyseOrReport() throws Exception {
    // as a store loaded by an older odtrial would hold it: written past validation, and sealed
    Path db = tmp.resolve("legacy.db");
    Map<TrialFile, String> sha = new EnumMap<>(TrialFile.class);
    for (TrialFile f : TrialFile.values()) {
      sha.put(f, "0".repeat(64));
    }
    try (TrialStore store = TrialStore.open(db);
        LoadWriter w =
            store.beginLoad(
                new LoadMetadata("2".repeat(64), sha, Instant.EPOCH, "old", "0.9", 1))) {
      for (TrialFile f : TrialFile.values()) {
        try (Reader in =
            Files.newBufferedReader(
                SampleData.CLEAN.resolve(f.fileName()), StandardCharsets.UTF_8)) {
          long line = 1;
          for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().get().parse(in)) {
            String[] values = new String[f.columns().size()];
            for (int i = 0; i < values.length; i++) {
              String v = r.get(f.columns().get(i).name());
              values[i] = v.isEmpty() ? null : v.equals("P001") ? "NHS9434765919" : v;
            }
            w.accept(f, ++line, values);
          }
        }
      }
      w.commit(List.of());
    }
    assertThat(Run.of("verify", "--db", db.toString()).exit()).isZero();
    Run analyse = Run.of("analyse", "--db", db.toString(), "--out", tmp.resolve("a").toString());
    assertThat(analyse.exit()).isEqualTo(2);
    assertThat(analyse.err())
        .contains("participant_id value that looks like an NHS number in participants.csv")
        .doesNotContain("9434765919");
    assertThat(tmp.resolve("a")).doesNotExist();
    Run report = Run.of("report", "--db", db.toString(), "--out", tmp.resolve("r").toString());
    assertThat(report.exit()).isEqualTo(2);
    assertThat(report.all()).doesNotContain("9434765919");
  }

  @Test
  void hostileInputsGiveFindingsAndJsonThatParses() throws Exception {
    Path up = SampleData.copy(SampleData.CLEAN, tmp.resolve("hostile"));
    Files.writeString(
        up.resolve("admissions.csv"),
        "episode_id,participant_id,setting,start_date,end_date,detained\n"
            + "E1,P001,\""
            + "x".repeat(200_000)
            + "\n");
    Files.delete(up.resolve("outcomes.csv"));
    assertThat(
            new ProcessBuilder("mkfifo", up.resolve("outcomes.csv").toString()).start().waitFor())
        .isZero();
    Run r = Run.of("validate", up.toString(), "--format", "json");
    assertThat(r.exit()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    List<String> rules = new ArrayList<>();
    json.get("findings")
        .forEach(f -> rules.add(f.get("file").asText() + " " + f.get("rule").asText()));
    assertThat(rules).contains("admissions.csv too-long", "outcomes.csv unreadable-file");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void runningOutOfMemoryIsOneLineAndValidJsonNeverAStackTrace() throws Exception {
    Path big = tmp.resolve("big");
    TrialGenerator.of(GeneratorOptions.of(100, 50_000, 1)).writeTo(big);
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "validate",
                big.toString(),
                "--format",
                "json")
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(err).startsWith("odtrial validate: error: out of memory").doesNotContain("\tat ");
    assertThat(err.lines().count()).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(out).get("error").get("exit").asInt()).isEqualTo(2);
  }
}
