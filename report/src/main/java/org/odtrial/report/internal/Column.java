package org.odtrial.report.internal;

/**
 * A data column of a table. Columns with the same {@code group} are one row of the tidy CSV: the
 * effect estimate and its p-value, shown in two columns, are one observation.
 *
 * @param header column heading as shown
 * @param group the tidy CSV's {@code group} value for cells of this column ("" for the row itself)
 * @param words whether the column holds words (left-aligned, wrapping) rather than numbers
 *     (right-aligned, one line)
 */
public record Column(String header, String group, boolean words) {
  /** A column of numbers. */
  public Column(String header, String group) {
    this(header, group, false);
  }

  public static Column of(String header) {
    return new Column(header, header);
  }

  /** A column of words, one observation with the row's other columns. */
  public static Column words(String header) {
    return new Column(header, "", true);
  }
}
