package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One table cell: its text as shown, the footnotes it refers to, and the values behind it (named
 * statistics such as {@code estimate}, {@code ci_low}, {@code p_value}) for the tidy CSV.
 *
 * @param text the cell as every format shows it
 * @param notes footnote texts the cell refers to (lettered by the table)
 * @param values statistic name to a Number or String, in column order of the tidy CSV
 */
public record Cell(String text, List<String> notes, Map<String, Object> values) {
  public static final Cell EMPTY = new Cell("", List.of(), Map.of());

  public Cell {
    notes = List.copyOf(notes);
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static Cell of(String text) {
    return new Cell(text, List.of(), Map.of());
  }

  /** A cell that is one named value shown as text (a count, a label, a unit id). */
  public static Cell of(String text, String name, Object value) {
    return of(text).with(name, value);
  }

  /** This cell with one more value; a null value is left out (it is NA in the CSV). */
  public Cell with(String name, Object value) {
    if (value == null) {
      return this;
    }
    Map<String, Object> v = new LinkedHashMap<>(values);
    v.put(name, value);
    return new Cell(text, notes, v);
  }

  /** This cell referring to one more footnote (none for a null or blank text). */
  public Cell withNote(String note) {
    if (note == null || note.isBlank()) {
      return this;
    }
    List<String> n = new ArrayList<>(notes);
    n.add(note);
    return new Cell(text, n, values);
  }
}
