package org.odtrial.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import org.odtrial.cli.format.FindingsFormat;
import org.odtrial.cli.format.Json;
import org.odtrial.cli.internal.Exits;
import org.odtrial.cli.internal.Output;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.output.CsvCells;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.RecordChange;
import org.odtrial.ingest.store.TrialStore;
import org.odtrial.ingest.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odtrial diff}: which records changed between two loads, and in which columns. */
@Command(
    name = "diff",
    header = "List the records added, removed and changed between two loads.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "List, per file, the records added, removed and changed between two loads of a store, with"
          + " the columns that changed and their values before and after.",
      "A value that looks like a direct identifier is never shown. Records are named by key as"
          + " findings name them (outcomes: participant_id/instrument/timepoint)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:usage error, or the store could not be read"})
public final class DiffCommand implements Callable<Integer> {
  /** Records shown per file by the text view. */
  static final int SHOWN_PER_FILE = 50;

  @Spec CommandSpec spec;

  @Mixin DbOption db;

  @Option(
      names = "--from",
      paramLabel = "N",
      description = "The earlier load; default: the one before --to.")
  Integer from;

  @Option(names = "--to", paramLabel = "M", description = "The later load; default: the latest.")
  Integer to;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "Only this file (e.g. participants or participants.csv); default: all five.")
  String file;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description =
          "text (per file: counts and the first records), json or csv (one changed column a"
              + " row). Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Mixin OutputOption output;

  /** One changed column, its values shown or hidden. */
  private record Column(String name, String before, String after) {}

  @Override
  public Integer call() throws IOException {
    if (format == OutputFormat.html || format == OutputFormat.xlsx) {
      return Cli.fail(spec, "--format is text, json or csv for diff");
    }
    List<TrialFile> files = new ArrayList<>();
    for (TrialFile f : TrialFile.values()) {
      if (file == null || f.fileName().equals(file) || f.tableName().equals(file)) {
        files.add(f);
      }
    }
    if (files.isEmpty()) {
      return Cli.fail(
          spec,
          "no file "
              + file
              + "; use clusters, participants, admissions, outcomes or network_meetings");
    }
    if (db.missing()) {
      return Cli.fail(spec, db.whyMissing());
    }
    try (TrialStore store = db.open()) {
      List<LoadInfo> loads = store.loads();
      if (loads.size() < 2 && (from == null || to == null)) {
        return Cli.fail(
            spec, db.display() + " holds " + loads.size() + " load(s): nothing to compare");
      }
      int last = loads.isEmpty() ? 0 : loads.get(loads.size() - 1).load();
      int m = to == null ? last : to;
      if (from == null && m == 1) {
        return Cli.fail(
            spec,
            "load 1 is the first load: there is none before it to compare it with (--from N"
                + " --to M compares any two loads)");
      }
      int n = from == null ? m - 1 : from;
      for (int l : new int[] {n, m}) {
        if (l < 1 || l > last) {
          return Cli.fail(
              spec, String.format(Locale.ROOT, "there is no load %d; loads are 1 to %d", l, last));
        }
      }
      Output.write(
          spec.commandLine().getOut(),
          output.path(),
          out -> {
            switch (format) {
              case json -> json(store, files, n, m, out);
              case csv -> csv(store, files, n, m, out);
              default -> text(store, files, n, m, new PrintWriter(out));
            }
          });
    }
    return Exits.OK;
  }

  /** The columns that differ, values of direct-identifier-like strings hidden. */
  static List<Column> changes(TrialFile file, RecordChange c) {
    List<Column> out = new ArrayList<>();
    if (c.kind() != RecordChange.Kind.CHANGED) {
      return out;
    }
    for (int i = 0; i < file.columns().size(); i++) {
      String a = c.before()[i];
      String b = c.after()[i];
      if (!java.util.Objects.equals(a, b)) {
        out.add(new Column(file.columns().get(i).name(), shown(a), shown(b)));
      }
    }
    return out;
  }

  /** A value as shown: empty for missing, never one that looks like a direct identifier. */
  static String shown(String v) {
    if (v == null) {
      return "";
    }
    String kind = Validator.directIdentifierKind(v);
    return kind == null ? v : "(hidden: looks like " + kind + ")";
  }

  private static String kind(RecordChange c) {
    return c.kind().name().toLowerCase(Locale.ROOT);
  }

  private void text(TrialStore store, List<TrialFile> files, int n, int m, PrintWriter out) {
    out.printf(Locale.ROOT, "Records changed from load %d to load %d of %s:%n", n, m, db.display());
    for (TrialFile f : files) {
      long[] count = new long[3];
      List<String> lines = new ArrayList<>();
      store.diff(
          f,
          n,
          m,
          c -> {
            count[c.kind().ordinal()]++;
            if (lines.size() >= SHOWN_PER_FILE) {
              return;
            }
            String sign =
                switch (c.kind()) {
                  case ADDED -> "+";
                  case REMOVED -> "-";
                  case CHANGED -> "~";
                };
            List<String> parts = new ArrayList<>();
            for (Column col : changes(f, c)) {
              parts.add(col.name() + " " + quoted(col.before()) + " -> " + quoted(col.after()));
            }
            lines.add(
                "  "
                    + sign
                    + " "
                    + c.key()
                    + (parts.isEmpty() ? "" : ": " + String.join(", ", parts)));
          });
      long total = count[0] + count[1] + count[2];
      out.printf(
          Locale.ROOT,
          "%s: %s%n",
          f.fileName(),
          total == 0
              ? "no record changed"
              : String.format(
                  Locale.ROOT,
                  "%,d added, %,d removed, %,d changed",
                  count[RecordChange.Kind.ADDED.ordinal()],
                  count[RecordChange.Kind.REMOVED.ordinal()],
                  count[RecordChange.Kind.CHANGED.ordinal()]));
      lines.forEach(out::println);
      if (total > lines.size()) {
        out.printf(
            Locale.ROOT,
            "  ... and %,d more; all of them: odtrial diff --db %s --from %d --to %d --file %s"
                + " --format csv -o changes.csv%n",
            total - lines.size(),
            db.display(),
            n,
            m,
            f.tableName());
      }
    }
    out.flush();
  }

  private static String quoted(String v) {
    return v.isEmpty() ? "(empty)" : v;
  }

  private void json(TrialStore store, List<TrialFile> files, int n, int m, Writer out)
      throws IOException {
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeNumberField("from", n);
      g.writeNumberField("to", m);
      g.writeArrayFieldStart("files");
      for (TrialFile f : files) {
        g.writeStartObject();
        g.writeStringField("file", f.fileName());
        g.writeArrayFieldStart("records");
        IOException[] failure = {null};
        store.diff(
            f,
            n,
            m,
            c -> {
              if (failure[0] != null) {
                return;
              }
              try {
                g.writeStartObject();
                g.writeStringField("change", kind(c));
                g.writeStringField("record", c.key());
                if (c.kind() == RecordChange.Kind.CHANGED) {
                  g.writeArrayFieldStart("columns");
                  for (Column col : changes(f, c)) {
                    g.writeStartObject();
                    g.writeStringField("column", col.name());
                    g.writeStringField("before", col.before());
                    g.writeStringField("after", col.after());
                    g.writeEndObject();
                  }
                  g.writeEndArray();
                }
                g.writeEndObject();
              } catch (IOException e) {
                failure[0] = e;
              }
            });
        if (failure[0] != null) {
          throw failure[0];
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write("\n");
  }

  private void csv(TrialStore store, List<TrialFile> files, int n, int m, Writer out)
      throws IOException {
    CSVPrinter p = new CSVPrinter(out, FindingsFormat.csvFormat());
    p.printRecord("file", "change", "record", "column", "before", "after");
    IOException[] failure = {null};
    for (TrialFile f : files) {
      store.diff(
          f,
          n,
          m,
          c -> {
            if (failure[0] != null) {
              return;
            }
            try {
              List<Column> cols = changes(f, c);
              if (cols.isEmpty()) {
                p.printRecord(f.fileName(), kind(c), CsvCells.text(c.key()), "", "", "");
              }
              for (Column col : cols) {
                p.printRecord(
                    f.fileName(),
                    kind(c),
                    CsvCells.text(c.key()),
                    col.name(),
                    CsvCells.text(col.before()),
                    CsvCells.text(col.after()));
              }
            } catch (IOException e) {
              failure[0] = e;
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
    p.flush();
  }
}
