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
import java.util.Objects;
import org.odtrial.cli.format.QueryList;
import org.odtrial.cli.format.QueryRow;
import org.odtrial.ingest.output.AtomicFiles;

/**
 * {@code --split-by-site DIR}: one query list per site, as {@code site-<ID>.csv} and {@code
 * site-<ID>.xlsx} (and {@code no-site.csv}/{@code .xlsx} for what belongs to no site), every site
 * included, even one with nothing to answer. Rows arrive grouped by site, in the order of the sites
 * given, so one pass over the findings or queries writes every list. The lists are written into a
 * staging folder and moved into DIR together by {@link #commit}: a failure leaves none half
 * written.
 */
final class SiteFiles implements AutoCloseable {
  private final AtomicFiles.Staging staging;
  private final Path dir;
  private final List<String> sites;
  private final List<String> lines = new ArrayList<>();
  private int next; // index in sites of the next list to open
  private String current;
  private long count;
  private Writer csvOut;
  private QueryList.RowWriter csv;
  private QueryList.RowWriter xlsx;

  /**
   * @param sites the sites in the order their rows come, then {@code ""} for the rows without a
   *     site (its lists are written only if it has rows)
   */
  SiteFiles(Path dir, List<String> sites) throws IOException {
    this.staging = AtomicFiles.stage(dir);
    this.dir = staging.dir();
    this.sites = List.copyOf(sites);
  }

  /** Adds a row of {@code site} ({@code null} or "" for none). */
  void add(String site, QueryRow row) throws IOException {
    String s = site == null ? "" : site;
    while (!Objects.equals(current, s)) {
      if (next >= sites.size()) {
        throw new IllegalStateException("rows of site '" + s + "' out of order or not listed");
      }
      open(sites.get(next++));
    }
    count++;
    csv.add(row);
    xlsx.add(row);
  }

  private void open(String site) throws IOException {
    finish();
    current = site;
    count = 0;
    String base = site.isEmpty() ? "no-site" : "site-" + site;
    csvOut =
        new BufferedWriter(
            new OutputStreamWriter(
                Files.newOutputStream(dir.resolve(base + ".csv")), StandardCharsets.UTF_8));
    csv = QueryList.csv(csvOut);
    xlsx = QueryList.xlsx(dir.resolve(base + ".xlsx"));
  }

  private void finish() throws IOException {
    if (current == null) {
      return;
    }
    csv.close();
    csvOut.close();
    csvOut = null;
    xlsx.close();
    String base = current.isEmpty() ? "no-site" : "site-" + current;
    if (current.isEmpty() && count == 0) {
      Files.delete(dir.resolve(base + ".csv"));
      Files.delete(dir.resolve(base + ".xlsx"));
    } else {
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-12s %,7d  %s, .xlsx",
              current.isEmpty() ? "(no site)" : current,
              count,
              base + ".csv"));
    }
    current = null;
  }

  /** One line per list written. */
  List<String> lines() {
    return lines;
  }

  /** Writes the lists of the sites that had no rows, and moves every list into place. */
  void commit() throws IOException {
    while (next < sites.size()) {
      open(sites.get(next++));
    }
    finish();
    staging.commit();
  }

  /** Removes what was not committed. */
  @Override
  public void close() throws IOException {
    try {
      if (csvOut != null) {
        csvOut.close();
      }
    } finally {
      staging.close();
    }
  }
}
