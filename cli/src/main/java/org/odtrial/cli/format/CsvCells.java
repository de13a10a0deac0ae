package org.odtrial.cli.format;

/**
 * Makes text cells safe to open in a spreadsheet, where a leading =, +, - or @ would be run as a
 * formula.
 */
public final class CsvCells {
  private CsvCells() {}

  public static String safeText(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell;
    }
    char c = cell.charAt(0);
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
      return "'" + cell;
    }
    return cell;
  }
}
