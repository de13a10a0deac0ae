package org.odtrial.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.odtrial.cli.format.Json;
import org.odtrial.cli.format.LoadsFormat;
import org.odtrial.ingest.store.HistoryEvent;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.SealedEntry;
import org.odtrial.ingest.store.TrialStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code odtrial history}: every load, event and revision of the query history of a store, in the
 * order they were sealed.
 */
@Command(
    name = "history",
    header =
        "List every load, event (blinding, lock, unblinding) and query revision with its seal.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "List the store's seal chain, oldest first: each load, each event (blinding key created,"
          + " locked, unlocked, unblinded, unblinded report) and each revision of the query history"
          + " (a load's query statuses, an answer, an imported answer file) with its time, user,"
          + " what it was and its link. 'odtrial verify' checks that they still match."
    })
public final class HistoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DbOption db;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text or json. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Override
  public Integer call() throws IOException {
    if (format == OutputFormat.csv) {
      return Cli.fail(spec, "--format csv is not available for history; use text or json");
    }
    if (db.missing()) {
      return Cli.fail(spec, db.whyMissing());
    }
    List<SealedEntry> chain;
    try (TrialStore store = db.open()) {
      chain = store.chain();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      try (JsonGenerator g = Json.generator(out)) {
        g.writeStartArray();
        for (SealedEntry e : chain) {
          g.writeStartObject();
          g.writeNumberField("position", e.position());
          g.writeStringField(
              "kind", e.load() != null ? "load" : e.revision() != null ? "revision" : "event");
          Json.stringOrNull(g, "at", at(e));
          Json.stringOrNull(g, "user", user(e));
          if (e.load() != null) {
            g.writeNumberField("load", e.load().load());
          } else if (e.event() != null) {
            g.writeStringField("event", e.event().event());
          } else if (e.revision() != null) {
            g.writeNumberField("revision", e.revision().revision());
          }
          g.writeStringField("what", what(e));
          g.writeStringField("link", e.link());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      out.write("\n");
    } else if (chain.isEmpty()) {
      out.println("Nothing yet: run 'odtrial ingest DIR --db FILE' to store an upload.");
    } else {
      out.printf(
          Locale.ROOT, "%-4s %-20s %-12s %-16s  %s%n", "#", "at (UTC)", "user", "link", "what");
      for (SealedEntry e : chain) {
        out.printf(
            Locale.ROOT,
            "%-4d %-20s %-12s %-16s  %s%n",
            e.position(),
            at(e) == null ? "?" : at(e),
            user(e) == null ? "?" : user(e),
            e.link().substring(0, Math.min(16, e.link().length())),
            what(e));
      }
    }
    out.flush();
    return 0;
  }

  private static String at(SealedEntry e) {
    if (e.load() != null) {
      return e.load().loadedAt().toString();
    }
    if (e.revision() != null) {
      return e.revision().at().toString();
    }
    return e.event() == null ? null : e.event().at().toString();
  }

  private static String user(SealedEntry e) {
    if (e.load() != null) {
      return e.load().user();
    }
    if (e.revision() != null) {
      return e.revision().user();
    }
    return e.event() == null ? null : e.event().user();
  }

  private static String what(SealedEntry e) {
    LoadInfo l = e.load();
    if (l != null) {
      return String.format(
          Locale.ROOT,
          "load %d%s: %,d rows, sha256 %s; %s",
          l.load(),
          LoadsFormat.ofSite(l),
          LoadsFormat.rows(l),
          l.uploadSha256().substring(0, 12),
          LoadsFormat.changes(l));
    }
    SealedEntry.Revision r = e.revision();
    if (r != null) {
      return String.format(
          Locale.ROOT, "queries revision %d (%s): %s", r.revision(), r.action(), r.detail());
    }
    HistoryEvent ev = e.event();
    return ev == null
        ? "(its load, event or query revision no longer exists)"
        : ev.event() + ": " + ev.detail();
  }
}
