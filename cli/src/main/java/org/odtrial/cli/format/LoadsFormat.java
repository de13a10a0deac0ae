package org.odtrial.cli.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.FileStats;
import org.odtrial.ingest.store.LoadInfo;

/** Renders the list of loads of a store. */
public final class LoadsFormat {
  private LoadsFormat() {}

  public static long rows(LoadInfo load) {
    return load.files().values().stream().mapToLong(FileStats::rows).sum();
  }

  /** One line a load, then what changed per file. */
  public static void text(List<LoadInfo> loads, PrintWriter out) {
    if (loads.isEmpty()) {
      out.println("No loads yet: run 'odtrial ingest DIR --db FILE' to store an upload.");
      out.flush();
      return;
    }
    out.printf(
        Locale.ROOT,
        "%-5s %-20s %-12s %-12s %12s  %s%n",
        "load",
        "loaded_at (UTC)",
        "user",
        "sha256",
        "rows",
        "changes");
    for (LoadInfo l : loads) {
      out.printf(
          Locale.ROOT,
          "%-5d %-20s %-12s %-12s %,12d  %s%n",
          l.load(),
          l.loadedAt(),
          l.user(),
          l.uploadSha256().substring(0, 12),
          rows(l),
          (l.site() == null ? "" : "site " + l.site() + ": ") + changes(l));
    }
    out.flush();
  }

  /** " of site T03" for a load of one site, "" for a load of the whole trial. */
  public static String ofSite(LoadInfo l) {
    return l.site() == null ? "" : " of site " + l.site();
  }

  /** Per file: +added ~changed -removed, files without change left out. */
  public static String changes(LoadInfo l) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<TrialFile, FileStats> e : l.files().entrySet()) {
      FileStats s = e.getValue();
      if (s.unchanged()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(e.getKey().tableName()).append(' ');
      sb.append(String.format(Locale.ROOT, "+%d ~%d -%d", s.added(), s.changed(), s.removed()));
    }
    return sb.length() == 0 ? "no record changed" : sb.toString();
  }

  /** A JSON list of loads. */
  public static void json(List<LoadInfo> loads, Writer out) throws IOException {
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartArray();
      for (LoadInfo l : loads) {
        writeLoad(g, l);
      }
      g.writeEndArray();
    }
    out.write("\n");
    out.flush();
  }

  /** One load as a JSON object. */
  public static void writeLoad(JsonGenerator g, LoadInfo l) throws IOException {
    g.writeStartObject();
    g.writeNumberField("load", l.load());
    g.writeStringField("sha256", l.uploadSha256());
    g.writeStringField("loaded_at", l.loadedAt().toString());
    g.writeNumberField("rows", rows(l));
    g.writeStringField("user", l.user());
    g.writeStringField("tool_version", l.toolVersion());
    g.writeNumberField("contract_version", l.contractVersion());
    g.writeStringField("site", l.site());
    g.writeObjectFieldStart("files");
    for (Map.Entry<TrialFile, FileStats> e : l.files().entrySet()) {
      FileStats s = e.getValue();
      g.writeObjectFieldStart(e.getKey().fileName());
      g.writeStringField("sha256", s.sha256());
      g.writeNumberField("rows", s.rows());
      g.writeNumberField("added", s.added());
      g.writeNumberField("changed", s.changed());
      g.writeNumberField("removed", s.removed());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }
}
