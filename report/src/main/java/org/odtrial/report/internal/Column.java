package org.odtrial.report.internal;

/**
 * A data column of a table. Columns with the same {@code group} are one row of the tidy CSV: the
 * effect estimate and its p-value, shown in two columns, are one observation.
 *
 * @param header column heading as shown
 * @param group the tidy CSV's {@code group} value for cells of this column ("" for the row itself)
 */
public record Column(String header, String group) {
  public static Column of(String header) {
    return new Column(header, header);
  }
}
