package org.odtrial.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odtrial.cli.format.QueryList;
import org.odtrial.cli.format.QueryRow;

/**
 * {@code --split-by-site DIR}: one query list per site, as {@code site-<ID>.csv} and {@code
 * site-<ID>.xlsx} (and {@code no-site.csv}/{@code .xlsx} for what belongs to no site), every site
 * included, even one with nothing to answer.
 */
final class SiteFiles {
  /** Rows of one site's list, streamed by the caller. */
  @FunctionalInterface
  interface Rows {
    void each(String site, QueryList.RowWriter out) throws IOException;
  }

  private SiteFiles() {}

  /**
   * Writes the lists and returns one line per site ("S01: 12 queries -> site-S01.csv, .xlsx").
   *
   * @param sites the sites, then {@code ""} for the findings of no site (written only if any)
   */
  static List<String> write(Path dir, List<String> sites, Rows rows) throws IOException {
    Files.createDirectories(dir);
    List<String> lines = new ArrayList<>();
    for (String site : sites) {
      String base = site.isEmpty() ? "no-site" : "site-" + site;
      Path csv = dir.resolve(base + ".csv");
      Path xlsx = dir.resolve(base + ".xlsx");
      long[] n = {0};
      try (Writer w =
              new BufferedWriter(
                  new OutputStreamWriter(Files.newOutputStream(csv), StandardCharsets.UTF_8));
          QueryList.RowWriter c = QueryList.csv(w);
          QueryList.RowWriter x = QueryList.xlsx(xlsx)) {
        rows.each(
            site,
            new QueryList.RowWriter() {
              @Override
              public void add(QueryRow row) throws IOException {
                n[0]++;
                c.add(row);
                x.add(row);
              }

              @Override
              public void close() {}
            });
      }
      if (site.isEmpty() && n[0] == 0) {
        Files.delete(csv);
        Files.delete(xlsx);
        continue;
      }
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-12s %,7d  %s, .xlsx",
              site.isEmpty() ? "(no site)" : site,
              n[0],
              csv.getFileName()));
    }
    return lines;
  }
}
