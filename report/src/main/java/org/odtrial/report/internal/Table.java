package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report table: every cell formatted once, here, for all formats. Footnotes are lettered a, b,
 * c... in reading order (row by row, the label before the cells); the same text has one letter.
 * Footnotes are referred to by text from rows and cells, so builders need not care about order.
 *
 * @param key file-name key, e.g. "consort" (table-1-consort.csv)
 * @param number the table's number in the report
 * @param title caption without the number, e.g. "Time to first relapse"
 * @param labelHeader heading of the label column
 * @param columns the data columns
 * @param rows rows, each with one cell per column
 * @param general notes on the whole table, printed before the footnotes
 * @param letters footnote text to letter, in reading order (see {@link #of})
 */
public record Table(
    String key,
    int number,
    String title,
    String labelHeader,
    List<Column> columns,
    List<Row> rows,
    List<String> general,
    Map<String, String> letters) {

  /** A table whose footnotes are lettered in reading order. */
  public static Table of(
      String key,
      int number,
      String title,
      String labelHeader,
      List<Column> columns,
      List<Row> rows,
      List<String> general) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Row r : rows) {
      r.notes().forEach(n -> out.computeIfAbsent(n, k -> letter(out.size())));
      for (Cell c : r.cells()) {
        c.notes().forEach(n -> out.computeIfAbsent(n, k -> letter(out.size())));
      }
    }
    return new Table(key, number, title, labelHeader, columns, rows, general, out);
  }

  public Table {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    general = List.copyOf(general);
    letters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(letters));
    for (Row r : rows) {
      if (r.cells().size() != columns.size()) {
        throw new IllegalArgumentException(
            "row \""
                + r.label()
                + "\" has "
                + r.cells().size()
                + " cells in a table of "
                + columns.size()
                + " columns");
      }
    }
  }

  /** "Table 3. Time to first relapse". */
  public String caption() {
    return "Table " + number + ". " + title;
  }

  /** File name stem: "table-3-relapse". */
  public String fileName() {
    return "table-" + number + "-" + key;
  }

  /** The header row as shown: the label column's heading, then each column's. */
  public List<String> headerTexts() {
    List<String> h = new ArrayList<>();
    h.add(labelHeader);
    columns.forEach(c -> h.add(c.header()));
    return h;
  }

  /** The letters of these footnotes, comma separated ("" for none). */
  public String marks(List<String> notes) {
    if (notes.isEmpty()) {
      return "";
    }
    return String.join(",", notes.stream().map(letters::get).toList());
  }

  /** General notes (marker "") then footnotes with their letters. */
  public List<Note> notes() {
    List<Note> out = new ArrayList<>();
    general.forEach(g -> out.add(new Note("", g)));
    letters().forEach((text, letter) -> out.add(new Note(letter, text)));
    return out;
  }

  /** a..z, then aa, ab, ... */
  static String letter(int i) {
    return i < 26 ? String.valueOf((char) ('a' + i)) : letter(i / 26 - 1) + letter(i % 26);
  }
}
