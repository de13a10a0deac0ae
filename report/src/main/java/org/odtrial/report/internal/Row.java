package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.odtrial.analysis.results.RowId;

/**
 * One table row: a label (plain words, no ids), its indent level, the footnotes the label refers to
 * (the method of the row), the results row it shows (null for figures counted from the data) and
 * one cell per column. A heading row has a label only and starts a section.
 *
 * @param label row label as shown, without indent
 * @param indent 0, 1 or 2: how far the label is indented under its section heading
 * @param heading whether this row is a section heading
 * @param notes footnote texts the label refers to (lettered by the table)
 * @param id the results.json row shown, or null
 * @param cells one per column
 */
public record Row(
    String label, int indent, boolean heading, List<String> notes, RowId id, List<Cell> cells) {
  public Row {
    notes = List.copyOf(notes);
    cells = List.copyOf(cells);
  }

  public static Row heading(String label, int columns) {
    return new Row(label, 0, true, List.of(), null, Collections.nCopies(columns, Cell.EMPTY));
  }

  public static Row of(String label, List<Cell> cells) {
    return new Row(label, 0, false, List.of(), null, cells);
  }

  public Row indented() {
    return new Row(label, 1, heading, notes, id, cells);
  }

  /** This row referring to one more footnote (none for a null or blank text). */
  public Row withNote(String note) {
    if (note == null || note.isBlank()) {
      return this;
    }
    List<String> n = new ArrayList<>(notes);
    if (!n.contains(note)) {
      n.add(note);
    }
    return new Row(label, indent, heading, n, id, cells);
  }
}
