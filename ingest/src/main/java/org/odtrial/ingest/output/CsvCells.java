package org.odtrial.ingest.output;

/**
 * The one rule every CSV file odtrial writes follows for text cells, so that opening it in a
 * spreadsheet never runs a cell as a formula: a text cell starting with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return gets a leading single quote (the OWASP advice
 * for CSV injection). A cell that is a plain number ({@code -12}, {@code -0.5}, {@code -1.5e-3})
 * stays as it is, so numbers stay numbers; numeric cells written as numbers never come here.
 */
public final class CsvCells {
  private CsvCells() {}

  /** The cell as a spreadsheet can open it safely; null and empty stay as they are. */
  public static String text(String cell) {
    if (cell == null || cell.isEmpty() || !startsLikeFormula(cell.charAt(0))) {
      return cell;
    }
    return isPlainNumber(cell) ? cell : "'" + cell;
  }

  /**
   * The inverse of {@link #text}, for a CSV file odtrial wrote coming back (a site's answered query
   * list): a leading single quote before a formula character is dropped, so a cell read back equals
   * the one written. Every other cell stays as it is.
   */
  public static String plain(String cell) {
    if (cell == null
        || cell.length() < 2
        || cell.charAt(0) != '\''
        || !startsLikeFormula(cell.charAt(1))) {
      return cell;
    }
    return cell.substring(1);
  }

  /** Whether a spreadsheet would read a cell starting with {@code c} as a formula. */
  public static boolean startsLikeFormula(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  /** {@code -?digits(.digits)?([eE][-+]?digits)?}: what a spreadsheet reads as a number. */
  static boolean isPlainNumber(String s) {
    int n = s.length();
    int i = s.charAt(0) == '-' ? 1 : 0;
    int digits = skipDigits(s, i);
    if (digits == i) {
      return false;
    }
    i = digits;
    if (i < n && s.charAt(i) == '.') {
      int fraction = skipDigits(s, i + 1);
      if (fraction == i + 1) {
        return false;
      }
      i = fraction;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        i++;
      }
      int exponent = skipDigits(s, i);
      if (exponent == i) {
        return false;
      }
      i = exponent;
    }
    return i == n;
  }

  private static int skipDigits(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}
