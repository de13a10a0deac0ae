package org.odtrial.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.odtrial.cli.format.Json;
import org.odtrial.cli.internal.Exits;
import org.odtrial.ingest.store.StoreException;
import org.odtrial.ingest.store.TrialStore;
import org.odtrial.ingest.store.Verification;
import org.odtrial.ingest.store.Verification.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odtrial verify}: recomputes the store's seal and reports the first broken link. */
@Command(
    name = "verify",
    header = "Check that the store still matches its seal; print the chain head.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Recompute the seal of every load (its records, statistics and warnings), every event"
          + " (blinding key, lock, unblinding) and every revision of the query history (statuses"
          + " and answers) from the store's content and check the hash chain link by link. Reports"
          + " the first broken link (table, record or query, load or query revision) with exit code"
          + " 1. Prints the chain head: recorded outside the store (e.g. in the trial master file)"
          + " and given back with --head, it also shows a store rewritten together with its seals,"
          + " or whose last entries were removed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:intact (and --head, if given, is in the chain)",
      "1:a broken link, or --head is not in the chain",
      "2:usage error, or the store could not be read"
    })
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DbOption db;

  @Option(
      names = "--head",
      paramLabel = "HEX",
      description =
          "A chain head recorded earlier (64 hex digits, or its first 16 or more): checks that the"
              + " chain still holds it.")
  String head;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text or json. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Override
  public Integer call() throws IOException {
    if (format == OutputFormat.csv) {
      return Cli.fail(spec, "--format csv is not available for verify; use text or json");
    }
    if (db.missing()) {
      return Cli.fail(spec, db.whyMissing());
    }
    if (head != null && !head.matches("[0-9a-fA-F]{16,64}")) {
      return Cli.fail(spec, "--head must be 16 to 64 hex digits of a chain head");
    }
    Verification v;
    try (TrialStore store = db.open()) {
      v = store.verify();
    } catch (StoreException e) {
      if (e.kind() != StoreException.Kind.TAMPERED) {
        throw e;
      }
      // a dropped or altered table: the store cannot even be read as a store
      v =
          new Verification(
              0,
              0,
              0,
              0,
              null,
              List.of(),
              java.util.Map.of(),
              0,
              List.of(new Problem(1, null, null, null, e.getMessage())));
    }
    Optional<Integer> anchored = head == null ? Optional.empty() : v.positionOf(head);
    boolean ok = v.intact() && (head == null || anchored.isPresent());
    if (format == OutputFormat.json) {
      json(v, anchored);
    } else {
      text(v, anchored);
    }
    return ok ? Exits.OK : Exits.FINDINGS;
  }

  private void text(Verification v, Optional<Integer> anchored) {
    PrintWriter out = spec.commandLine().getOut();
    if (v.intact()) {
      out.printf(
          Locale.ROOT,
          "Intact: %d entr%s in the seal chain (%d load%s, %d event%s, %d revision%s of the query"
              + " history); every load's records, statistics and warnings, every event and every"
              + " query's statuses and answers match their seals.%n",
          v.entries(),
          v.entries() == 1 ? "y" : "ies",
          v.loads(),
          v.loads() == 1 ? "" : "s",
          v.events(),
          v.events() == 1 ? "" : "s",
          v.revisions(),
          v.revisions() == 1 ? "" : "s");
    } else {
      Problem first = v.firstBreak().orElseThrow();
      out.printf(
          Locale.ROOT,
          "BROKEN: %d problem%s. First broken link: %s%n",
          v.problems().size(),
          v.problems().size() == 1 ? "" : "s",
          describe(first));
      for (Problem p : v.problems()) {
        out.printf(Locale.ROOT, "  %s%n", describe(p));
      }
    }
    if (head != null) {
      out.printf(
          Locale.ROOT,
          anchored.isPresent()
              ? "The recorded head %s is entry %d of the chain: nothing up to it was changed since"
                  + " it was recorded.%n"
              : "The recorded head %s is NOT in the chain: the store was rewritten, or entries were"
                  + " removed, after it was recorded.%n",
          head,
          anchored.orElse(0));
    }
    if (v.head() != null) {
      out.printf(
          Locale.ROOT,
          "Chain head (record it outside the store, e.g. in the trial master file):%n%s%n",
          v.head());
    }
    out.flush();
  }

  private static String describe(Problem p) {
    StringBuilder b = new StringBuilder();
    b.append(p.position() == Long.MAX_VALUE ? "outside the chain" : "entry " + p.position());
    if (p.load() != null) {
      b.append(", load ").append(p.load());
    }
    if (p.revision() != null) {
      b.append(", query revision ").append(p.revision());
    }
    if (p.table() != null) {
      b.append(", table ").append(p.table());
    }
    if (p.record() != null) {
      b.append(p.revision() != null ? ", query " : ", record ").append(p.record());
    }
    return b.append(": ").append(p.message()).toString();
  }

  private void json(Verification v, Optional<Integer> anchored) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeBooleanField("intact", v.intact());
      g.writeNumberField("entries", v.entries());
      g.writeNumberField("loads", v.loads());
      g.writeNumberField("events", v.events());
      g.writeNumberField("revisions", v.revisions());
      Json.stringOrNull(g, "head", v.head());
      if (head != null) {
        g.writeObjectFieldStart("recorded_head");
        g.writeStringField("given", head);
        if (anchored.isPresent()) {
          g.writeNumberField("position", anchored.get());
        } else {
          g.writeNullField("position");
        }
        g.writeEndObject();
      }
      g.writeArrayFieldStart("problems");
      for (Problem p : v.problems()) {
        g.writeStartObject();
        if (p.position() == Long.MAX_VALUE) {
          g.writeNullField("position");
        } else {
          g.writeNumberField("position", p.position());
        }
        if (p.load() == null) {
          g.writeNullField("load");
        } else {
          g.writeNumberField("load", p.load());
        }
        if (p.revision() == null) {
          g.writeNullField("revision");
        } else {
          g.writeNumberField("revision", p.revision());
        }
        Json.stringOrNull(g, "table", p.table());
        Json.stringOrNull(g, "record", p.record());
        g.writeStringField("message", p.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write("\n");
    out.flush();
  }
}
