package org.odtrial.report.internal;

import java.util.List;

/**
 * A rendered report table: every cell already formatted text. A row whose cells after the first are
 * all empty is a section heading.
 *
 * @param key file-name key, e.g. "1-consort" (table-1-consort.csv)
 * @param title caption
 * @param header column names
 * @param rows cells, each row as long as the header
 * @param notes footnotes in order
 */
public record Table(
    String key, String title, List<String> header, List<List<String>> rows, List<String> notes) {
  public Table {
    header = List.copyOf(header);
    rows = rows.stream().map(List::copyOf).toList();
    notes = List.copyOf(notes);
    for (List<String> r : rows) {
      if (r.size() != header.size()) {
        throw new IllegalArgumentException(
            "row of " + r.size() + " cells in a table of " + header.size() + " columns: " + r);
      }
    }
  }

  public boolean isSection(List<String> row) {
    return row.subList(1, row.size()).stream().allMatch(String::isEmpty);
  }
}
