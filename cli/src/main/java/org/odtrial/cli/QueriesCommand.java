package org.odtrial.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.odtrial.cli.format.Json;
import org.odtrial.cli.format.QueryList;
import org.odtrial.cli.format.QueryRow;
import org.odtrial.cli.internal.Exits;
import org.odtrial.cli.internal.Output;
import org.odtrial.ingest.queries.AnswerImport;
import org.odtrial.ingest.queries.AnswerSheet;
import org.odtrial.ingest.queries.ImportProblem;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.Query;
import org.odtrial.ingest.store.QueryAnswer;
import org.odtrial.ingest.store.QueryStatus;
import org.odtrial.ingest.store.QueryVersion;
import org.odtrial.ingest.store.StoreSettings;
import org.odtrial.ingest.store.TrialStore;
import org.odtrial.ingest.validate.FindingReport;
import org.odtrial.ingest.validate.QueryId;
import org.odtrial.ingest.validate.Redaction;
import org.odtrial.ingest.validate.Severity;
import org.odtrial.ingest.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code odtrial queries}: the data queries of a store, tracked from load to load, per site; with
 * {@code answer}, {@code import} and {@code history}.
 */
@Command(
    name = "queries",
    header = "List the data queries of a store, per site, tracked across loads.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Every warning of a load is a data query with a stable id (from file, record, column and"
          + " rule). On each load a query stays open, is resolved when the data no longer raises"
          + " it, or is new; a query confirmed as correct is not raised again unless its value"
          + " changes.",
      "Statuses: new, open, will-correct (pending), confirmed, resolved; the pending ones are"
          + " listed unless --status says otherwise.",
      "The weekly cycle: ingest the upload, send each site its list (--split-by-site DIR), record"
          + " the answers (queries import FILE, queries answer ID), ingest the next upload:"
          + " 'odtrial diff' shows what it changed."
    },
    subcommands = {
      QueriesCommand.AnswerCommand.class,
      QueriesCommand.ImportCommand.class,
      QueriesCommand.HistoryCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:usage error, or the store could not be read"})
public final class QueriesCommand implements Callable<Integer> {
  /** Queries shown per site by the text view. */
  static final int SHOWN_PER_SITE = 20;

  @Spec CommandSpec spec;

  @Option(
      names = "--db",
      paramLabel = "STORE",
      description =
          "The odtrial store: a SQLite file, or a PostgreSQL database as"
              + " postgresql://USER@HOST:PORT/DATABASE (password from PGPASSWORD or ~/.pgpass).")
  String db;

  // as DbOption's: the list is read from the store like any other command's (the subcommands have
  // it from DbOption); --db is not required here, as the subcommands take their own
  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = DbOption.WAIT_HELP)
  int waitSeconds;

  @Mixin SiteOption site;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      split = ",",
      description =
          "Only queries in these statuses (comma-separated: new, open, will-correct, confirmed,"
              + " resolved), or all. Default: new,open,will-correct.")
  List<String> status;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description =
          "text (per site: counts and the first queries), json, csv or xlsx (with -o): one query"
              + " a row with status and answer columns. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Mixin OutputOption output;

  @Option(
      names = "--split-by-site",
      paramLabel = "DIR",
      description =
          "Write one query list per site into DIR (site-<ID>.csv and site-<ID>.xlsx), every site"
              + " of the latest load included, to send each site its queries.")
  Path splitBySite;

  @Override
  public Integer call() throws IOException {
    if (db == null) {
      return Cli.fail(spec, "give the store: --db FILE");
    }
    Set<QueryStatus> wanted;
    try {
      wanted = statuses(status);
    } catch (IllegalArgumentException e) {
      return Cli.fail(spec, e.getMessage());
    }
    if (format == OutputFormat.html) {
      return Cli.fail(
          spec, "--format html is the data-quality report: 'odtrial warnings --format html'");
    }
    if (format == OutputFormat.xlsx && output.path() == null && splitBySite == null) {
      return Cli.fail(spec, "--format xlsx writes a workbook: give -o FILE.xlsx");
    }
    if (splitBySite != null && output.path() != null) {
      return Cli.fail(spec, "give either --split-by-site DIR or -o FILE, not both");
    }
    if (!TrialStore.isServer(db) && !Files.isRegularFile(Path.of(db))) {
      return Cli.fail(spec, DbOption.whyMissing(db));
    }
    if (waitSeconds < 0) {
      return Cli.fail(spec, "--wait must be 0 or more seconds, was " + waitSeconds);
    }
    try (TrialStore store =
        TrialStore.open(db, StoreSettings.DEFAULT.withWait(Duration.ofSeconds(waitSeconds)))) {
      Optional<LoadInfo> latest = store.latestLoad();
      if (latest.isEmpty()) {
        return Cli.fail(spec, shownDb() + " holds no load yet: no queries");
      }
      int load = latest.get().load();
      TreeSet<String> sites = new TreeSet<>(store.findings(load).sites());
      store.queries(
          null,
          q -> {
            if (q.site() != null) {
              sites.add(q.site());
            }
          });
      String unknown = site.unknown(sites);
      if (unknown != null) {
        return Cli.fail(spec, unknown);
      }
      if (splitBySite != null) {
        List<String> order = new ArrayList<>();
        if (site.site() != null) {
          order.add(site.site());
        } else {
          order.addAll(sites);
          order.add(FindingReport.NO_SITE);
        }
        // one pass: the queries come by site, in the order of the sites
        SiteFiles files = new SiteFiles(splitBySite, order);
        try (files) {
          forEach(store, wanted, q -> files.add(q.site(), QueryRow.of(q)));
          files.commit();
        }
        List<String> lines = files.lines();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            Locale.ROOT,
            "Query lists after load %d in %s (%s queries per site):%n",
            load,
            Cli.shown(splitBySite),
            labels(wanted));
        lines.forEach(out::println);
        out.printf(
            Locale.ROOT,
            "Send each site its list; import the answered file with: odtrial queries import FILE"
                + " --db %s%n",
            shownDb());
        out.flush();
        return Exits.OK;
      }
      if (format == OutputFormat.xlsx) {
        try (QueryList.RowWriter rows = QueryList.xlsx(output.path())) {
          forEach(store, wanted, q -> rows.add(QueryRow.of(q)));
        }
        return Exits.OK;
      }
      Output.write(
          spec.commandLine().getOut(),
          output.path(),
          out -> {
            switch (format) {
              case csv -> {
                try (QueryList.RowWriter rows = QueryList.csv(out)) {
                  forEach(store, wanted, q -> rows.add(QueryRow.of(q)));
                }
              }
              case json -> json(store, load, wanted, out);
              default -> text(store, load, sites, wanted, new PrintWriter(out));
            }
          });
    }
    return Exits.OK;
  }

  /** A query consumer that may fail writing. */
  @FunctionalInterface
  private interface QueryConsumer {
    void accept(Query q) throws IOException;
  }

  /** The wanted queries of the site filter, by site, in report order. */
  private void forEach(TrialStore store, Set<QueryStatus> wanted, QueryConsumer consumer)
      throws IOException {
    IOException[] failure = {null};
    store.queries(
        site.site(),
        q -> {
          if (failure[0] == null && wanted.contains(q.status())) {
            try {
              consumer.accept(q);
            } catch (IOException e) {
              failure[0] = e;
            }
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  private void json(TrialStore store, int load, Set<QueryStatus> wanted, Writer out)
      throws IOException {
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeNumberField("latest_load", load);
      Json.stringOrNull(g, "site", site.site());
      g.writeArrayFieldStart("statuses");
      for (QueryStatus s : wanted) {
        g.writeString(s.label());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("queries");
      forEach(
          store,
          wanted,
          q -> {
            g.writeStartObject();
            g.writeStringField("query_id", q.id());
            Json.stringOrNull(g, "site", q.site());
            g.writeStringField("file", q.file());
            g.writeNumberField("line", q.line());
            Json.stringOrNull(g, "record", q.record());
            Json.stringOrNull(g, "column", q.column());
            g.writeStringField("rule", q.rule());
            g.writeStringField("message", q.message());
            Json.stringOrNull(g, "root_id", q.rootId());
            g.writeStringField("status", q.status().label());
            Json.stringOrNull(g, "answer", q.note());
            g.writeNumberField("first_load", q.firstLoad());
            g.writeNumberField("last_load", q.lastLoad());
            g.writeEndObject();
          });
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write("\n");
  }

  /** Per site: counts by status, then the first wanted queries, roots with their consequences. */
  private void text(
      TrialStore store, int load, Set<String> sites, Set<QueryStatus> wanted, PrintWriter out) {
    Map<String, Map<QueryStatus, Long>> counts = new TreeMap<>();
    Map<String, List<Query>> shown = new LinkedHashMap<>();
    Map<String, long[]> matching = new TreeMap<>();
    List<String> order = new ArrayList<>();
    if (site.site() != null) {
      order.add(site.site());
    } else {
      order.addAll(sites);
      order.add("");
    }
    for (String s : order) {
      counts.put(s, new EnumMap<>(QueryStatus.class));
      shown.put(s, new ArrayList<>());
      matching.put(s, new long[1]);
    }
    store.queries(
        site.site(),
        q -> {
          String s = q.site() == null ? "" : q.site();
          counts
              .computeIfAbsent(s, k -> new EnumMap<>(QueryStatus.class))
              .merge(q.status(), 1L, Long::sum);
          if (wanted.contains(q.status())) {
            matching.computeIfAbsent(s, k -> new long[1])[0]++;
            List<Query> list = shown.computeIfAbsent(s, k -> new ArrayList<>());
            if (list.size() < SHOWN_PER_SITE) {
              list.add(q);
            }
          }
        });
    out.printf(
        Locale.ROOT,
        "Queries of %s after load %d (listed: %s):%n",
        shownDb(),
        load,
        labels(wanted));
    for (String s : order) {
      Map<QueryStatus, Long> c = counts.get(s);
      if (s.isEmpty() && c.isEmpty()) {
        continue;
      }
      out.printf(
          Locale.ROOT,
          "%s: %s%n",
          s.isEmpty() ? "(no site)" : "site " + s,
          c.isEmpty() ? "no queries" : counts(c));
      String lastTop = null;
      for (Query q : shown.get(s)) {
        boolean consequence = q.rootId() != null && q.rootId().equals(lastTop);
        if (!consequence) {
          lastTop = q.id();
        }
        out.printf(
            Locale.ROOT,
            "  %s%s  %-12s %s line %d%s%s, %s: %s%n",
            consequence ? "  -> " : "",
            q.id(),
            q.status().label(),
            q.file(),
            q.line(),
            q.column() == null ? "" : ", column " + q.column(),
            q.record() == null ? "" : ", record " + q.record(),
            q.rule(),
            q.message());
        if (q.note() != null) {
          out.printf(Locale.ROOT, "      answer: %s%n", q.note());
        }
      }
      long more = matching.get(s)[0] - shown.get(s).size();
      if (more > 0) {
        out.printf(
            Locale.ROOT,
            "  ... and %,d more; all of them: odtrial queries --db %s --site %s --format csv -o"
                + " %s.csv (or --split-by-site DIR)%n",
            more,
            shownDb(),
            s.isEmpty() ? "''" : s,
            s.isEmpty() ? "no-site" : s);
      }
    }
    out.printf(
        Locale.ROOT,
        "Record answers: odtrial queries answer ID --db %s --status confirmed|will-correct --note"
            + " TEXT, or odtrial queries import FILE --db %s for a site's answered list.%n",
        shownDb(),
        shownDb());
    out.flush();
  }

  /** The store as printed: the URL without its parameters, no direct identifier in its path. */
  private String shownDb() {
    return DbOption.display(db);
  }

  /** "3 new, 80 open, 2 resolved": the statuses with queries, in status order; "none" if none. */
  static String counts(Map<QueryStatus, Long> byStatus) {
    List<String> parts = new ArrayList<>();
    for (QueryStatus s : QueryStatus.values()) {
      if (byStatus.getOrDefault(s, 0L) > 0) {
        parts.add(String.format(Locale.ROOT, "%,d %s", byStatus.get(s), s.label()));
      }
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private static String labels(Set<QueryStatus> statuses) {
    List<String> l = new ArrayList<>();
    statuses.forEach(s -> l.add(s.label()));
    return String.join(", ", l);
  }

  /** The statuses asked for; the pending ones by default. */
  static Set<QueryStatus> statuses(List<String> given) {
    if (given == null || given.isEmpty()) {
      return EnumSet.of(QueryStatus.NEW, QueryStatus.OPEN, QueryStatus.WILL_CORRECT);
    }
    Set<QueryStatus> out = EnumSet.noneOf(QueryStatus.class);
    for (String g : given) {
      if (g.strip().equalsIgnoreCase("all")) {
        return EnumSet.allOf(QueryStatus.class);
      }
      QueryStatus s = QueryStatus.parse(g);
      if (s == null) {
        throw new IllegalArgumentException(
            "unknown status '" + g + "'; use new, open, will-correct, confirmed, resolved or all");
      }
      out.add(s);
    }
    return out;
  }

  /** Checks a note given by hand as an import checks an answer column; null when fine. */
  static String noteProblem(String note) {
    if (note == null) {
      return null;
    }
    if (note.length() > AnswerImport.MAX_NOTE) {
      return String.format(
          Locale.ROOT,
          "the note has %d characters; at most %d are kept",
          note.length(),
          AnswerImport.MAX_NOTE);
    }
    String kind = Validator.directIdentifierKind(note);
    return kind == null
        ? null
        : "the note contains what looks like "
            + kind
            + ", a direct identifier; remove it (it is not repeated here)";
  }

  /** {@code odtrial queries answer ID}: records one answer. */
  @Command(
      name = "answer",
      header = "Record a site's answer to a query.",
      mixinStandardHelpOptions = true,
      versionProvider = Version.class,
      description = {
        "Record the answer to one query: confirmed (the value is correct; the query is not raised"
            + " again unless the value changes) or will-correct (the site corrects it in a later"
            + " upload).",
        "Answering a root cause answers the queries listed under it too. The answer is kept in"
            + " the query's history with the time and the user."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:recorded (or the same answer was already recorded)",
        "2:usage error, an unknown or resolved query, or the store could not be read or written"
      })
  static final class AnswerCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The query id, e.g. Q3975JPGWVKFZ.")
    String id;

    @Mixin DbOption db;

    @Option(
        names = "--status",
        required = true,
        paramLabel = "STATUS",
        description = "confirmed or will-correct.")
    String status;

    @Option(
        names = "--note",
        paramLabel = "TEXT",
        description = "What the site said (kept with the answer; no identifiers).")
    String note;

    @Override
    public Integer call() {
      QueryStatus s = QueryStatus.parse(status);
      if (s == null || !s.isAnswer()) {
        return Cli.fail(spec, "--status is confirmed or will-correct, not '" + status + "'");
      }
      String queryId = id.strip().toUpperCase(Locale.ROOT);
      if (!QueryId.isWellFormed(queryId)) {
        return Cli.fail(spec, "'" + id + "' is not a query id (Q and 12 letters and digits)");
      }
      String problem = noteProblem(note);
      if (problem != null) {
        return Cli.fail(spec, problem);
      }
      if (db.missing()) {
        return Cli.fail(spec, db.whyMissing());
      }
      try (TrialStore store = db.open()) {
        Optional<Query> q = store.query(queryId);
        if (q.isEmpty()) {
          return Cli.fail(spec, "there is no query " + queryId + " in " + db.display());
        }
        if (q.get().status() == QueryStatus.RESOLVED) {
          return Cli.fail(
              spec,
              String.format(
                  Locale.ROOT,
                  "query %s is resolved: load %d no longer raises it; nothing to answer",
                  queryId,
                  q.get().lastLoad() + 1));
        }
        int changed =
            store.answer(
                List.of(new QueryAnswer(queryId, s, note)),
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                System.getProperty("user.name", "unknown"),
                "answer",
                "odtrial queries answer");
        PrintWriter out = spec.commandLine().getOut();
        if (changed == 0) {
          out.printf(
              Locale.ROOT,
              "%s was already %s with this note; nothing changed.%n",
              queryId,
              s.label());
        } else {
          out.printf(
              Locale.ROOT,
              "%s is now %s%s.%n",
              queryId,
              s.label(),
              changed > 1
                  ? String.format(
                      Locale.ROOT,
                      ", and so are the %d queries listed under it (its root cause)",
                      changed - 1)
                  : "");
        }
        out.flush();
      }
      return Exits.OK;
    }
  }

  /** {@code odtrial queries import FILE}: records a site's answered list. */
  @Command(
      name = "import",
      header = "Record the answers of a site's answered query list (.csv or .xlsx).",
      mixinStandardHelpOptions = true,
      versionProvider = Version.class,
      description = {
        "Read a query list written by 'odtrial queries' (or validate --split-by-site) in which the"
            + " site set status to confirmed or will-correct and wrote its answer; check every row;"
            + " record all its answers as one revision of the query history. A file with any error"
            + " records nothing, and each problem is named by line and column. An .xlsx is read as"
            + " Excel saved it; a CSV must be UTF-8 (Excel: 'CSV UTF-8'), comma- or"
            + " semicolon-separated."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:answers recorded (rows left open are fine)",
        "1:the file has errors; nothing was recorded",
        "2:usage error, or the store could not be read or written"
      })
  static final class ImportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The answered list, .csv or .xlsx.")
    Path file;

    @Mixin DbOption db;

    @Override
    public Integer call() {
      if (db.missing()) {
        return Cli.fail(spec, db.whyMissing());
      }
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        // reading a pipe would wait for a writer for ever
        return Cli.fail(
            spec,
            file + " is not a regular file (a folder, a pipe or a device): give the answered list");
      }
      String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
      AnswerSheet sheet =
          name.endsWith(".xlsx") ? QueryList.readXlsx(file) : AnswerSheet.readCsv(file);
      PrintWriter out = spec.commandLine().getOut();
      try (TrialStore store = db.open()) {
        if (store.latestLoad().isEmpty()) {
          return Cli.fail(spec, db.display() + " holds no load yet: no queries to answer");
        }
        AnswerImport.Result r = AnswerImport.check(sheet, store::query);
        // the file's name is the site's choice: shown and kept in the history without a direct
        // identifier it may hold, as every message is
        String shownName = Redaction.redact(sheet.name());
        for (ImportProblem p : r.problems()) {
          out.println(
              Redaction.redact(
                  String.format(
                      Locale.ROOT,
                      "%s %s%s%s: %s",
                      p.severity().label(),
                      p.line() == 0 ? sheet.name() : sheet.name() + " line " + p.line(),
                      p.column() == null ? "" : ", column " + p.column(),
                      p.queryId() == null ? "" : ", query " + p.queryId(),
                      p.message())));
        }
        if (r.hasErrors()) {
          long errors = r.problems().stream().filter(p -> p.severity() == Severity.ERROR).count();
          out.printf(
              Locale.ROOT,
              "Nothing was recorded: %d error%s in %s. Correct the file and import it again.%n",
              errors,
              errors == 1 ? "" : "s",
              shownName);
          out.flush();
          return Exits.FINDINGS;
        }
        int changed =
            r.answers().isEmpty()
                ? 0
                : store.answer(
                    r.answers(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    System.getProperty("user.name", "unknown"),
                    "import",
                    "answers imported from " + shownName);
        Map<QueryStatus, Long> by = new EnumMap<>(QueryStatus.class);
        r.answers().forEach(a -> by.merge(a.status(), 1L, Long::sum));
        out.printf(
            Locale.ROOT,
            "Recorded %d answer%s from %s (%d confirmed, %d will-correct; %d quer%s changed with"
                + " root causes); %d row%s left open, %d answer%s already recorded.%n",
            r.answers().size(),
            r.answers().size() == 1 ? "" : "s",
            shownName,
            by.getOrDefault(QueryStatus.CONFIRMED, 0L),
            by.getOrDefault(QueryStatus.WILL_CORRECT, 0L),
            changed,
            changed == 1 ? "y" : "ies",
            r.unanswered(),
            r.unanswered() == 1 ? "" : "s",
            r.unchanged(),
            r.unchanged() == 1 ? "" : "s");
        out.flush();
      }
      return Exits.OK;
    }
  }

  /** {@code odtrial queries history ID}: every version of a query. */
  @Command(
      name = "history",
      header = "Show every version of a query: raised, answered, resolved, reopened.",
      mixinStandardHelpOptions = true,
      versionProvider = Version.class,
      description =
          "Show the history of one query, oldest first: each load or answer that changed it.")
  static final class HistoryCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The query id.")
    String id;

    @Mixin DbOption db;

    @Override
    public Integer call() {
      if (db.missing()) {
        return Cli.fail(spec, db.whyMissing());
      }
      String queryId = id.strip().toUpperCase(Locale.ROOT);
      try (TrialStore store = db.open()) {
        List<QueryVersion> history = store.queryHistory(queryId);
        if (history.isEmpty()) {
          return Cli.fail(spec, "there is no query " + queryId + " in " + db.display());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s:%n", queryId);
        for (QueryVersion v : history) {
          out.printf(
              Locale.ROOT,
              "  %s, %s by %s: %s%s%n      %s%n",
              v.action().equals("load") ? "load " + v.load() : v.detail(),
              v.at(),
              v.user(),
              v.status().label(),
              v.note() == null ? "" : " (" + v.note() + ")",
              v.message());
        }
        out.flush();
      }
      return Exits.OK;
    }
  }
}
