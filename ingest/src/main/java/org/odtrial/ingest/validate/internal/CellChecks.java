package org.odtrial.ingest.validate.internal;

import java.util.List;
import java.util.Locale;
import org.odtrial.ingest.contract.Column;
import org.odtrial.ingest.contract.ColumnType;
import org.odtrial.ingest.validate.Rule;

/**
 * Checks each cell of a row against its column's type, fills in the parsed values and queues
 * findings on the row. Order per cell: missing, direct identifier (a hit stops further checks so
 * the value is never quoted), missing-data code, then the type's own rules.
 */
public final class CellChecks {
  private static final String[] MISSING_CODES = {"NA", "N/A", ".", "-99", "-999", "NULL"};

  private final List<Column> columns;
  private final ColumnType[] types;

  /**
   * Per CODE column, its codes, or null where a code (absurdly) looks like a missing-data code or a
   * direct identifier.
   */
  private final String[][] plainCodes;

  public CellChecks(List<Column> columns) {
    this.columns = columns;
    int n = columns.size();
    types = new ColumnType[n];
    plainCodes = new String[n][];
    for (int c = 0; c < n; c++) {
      Column col = columns.get(c);
      types[c] = col.type();
      if (col.type() == ColumnType.CODE) {
        String[] codes = col.codes().toArray(new String[0]);
        boolean plain = true;
        for (String code : codes) {
          plain &= missingCode(code) == null && DirectIdentifiers.kind(code) == null;
        }
        plainCodes[c] = plain ? codes : null;
      }
    }
  }

  /** The values of the row checked before. */
  private String[] above;

  void check(Row row) {
    String[] v = row.values;
    String[] above = this.above;
    this.above = v;
    for (int c = 0; c < v.length; c++) {
      if (above != null && v[c] != null && v[c] == above[c] && row.ok[c]) {
        // the very value of the cell above (the reader hands the same String on), valid there: it
        // is valid here too and parses to what the row's arrays still hold
        continue;
      }
      row.ok[c] = false;
      row.identifier[c] = false;
      String s = v[c];
      if (s != null && plain(row, c, s)) {
        continue;
      }
      Column col = columns.get(c);
      if (s == null) {
        if (col.required() && row.inHeader[c]) {
          row.pending.add(
              new Row.Pending(c, Rule.REQUIRED, col.name() + " is required but empty; fill it in"));
        }
        continue;
      }
      String kind = DirectIdentifiers.kind(s);
      if (kind != null) {
        row.identifier[c] = true;
        row.pending.add(
            new Row.Pending(
                c,
                Rule.DIRECT_IDENTIFIER,
                "this cell looks like "
                    + kind
                    + ", a direct identifier; remove it, the upload must be de-identified (the"
                    + " value is not repeated here)"));
        continue;
      }
      String code = missingCode(s);
      if (code != null) {
        row.pending.add(
            new Row.Pending(
                c,
                Rule.MISSING_CODE,
                Text.quote(s)
                    + " looks like a missing-data code; leave the cell empty for a missing value"
                    + (col.required()
                        ? " (" + col.name() + " is required, so a value is needed)"
                        : "")));
        continue;
      }
      switch (col.type()) {
        case ID -> checkId(row, c, col, s);
        case CODE -> checkCode(row, c, col, s);
        case DATE -> checkDate(row, c, col, s);
        case INTEGER -> checkInteger(row, c, col, s);
        case DECIMAL -> checkDecimal(row, c, col, s);
        case TEXT -> checkText(row, c, col, s);
      }
    }
  }

  /**
   * The common case, cheaply: a valid date, code, whole or decimal number without a minus sign, or
   * identifier, whose digits and letters are too few for a direct identifier (the cheap test of
   * {@link DirectIdentifiers}) and which cannot be a missing-data code (which starts with N, n, .,
   * - or a space). Then the cell is valid: sets what it parsed to and returns true. Otherwise
   * (false) the full checks below run and decide, so the outcome is the same either way.
   */
  private boolean plain(Row row, int c, String s) {
    switch (types[c]) {
      case DATE -> {
        int d = Dates.parse(s);
        if (d == Dates.INVALID) {
          return false;
        }
        row.day[c] = d; // 8 digits, no letters
      }
      case CODE -> {
        String[] codes = plainCodes[c];
        int i = codes == null ? -1 : indexOf(codes, s);
        if (i < 0) {
          return false;
        }
        row.number[c] = i;
      }
      case INTEGER -> {
        int n = s.length();
        if (n > 8) {
          return false;
        }
        long v = 0;
        for (int k = 0; k < n; k++) {
          char ch = s.charAt(k);
          if (ch < '0' || ch > '9') {
            return false;
          }
          v = v * 10 + (ch - '0');
        }
        Column col = columns.get(c);
        if ((col.min() != null && v < col.min()) || (col.max() != null && v > col.max())) {
          return false;
        }
        row.number[c] = v;
      }
      case DECIMAL -> {
        double d = plainDecimal(s);
        if (d < 0) {
          return false;
        }
        row.decimal[c] = d;
      }
      case ID -> {
        if (!plainId(s)) {
          return false;
        }
      }
      case TEXT -> {
        return false;
      }
    }
    row.ok[c] = true;
    return true;
  }

  private static int indexOf(String[] codes, String s) {
    for (int i = 0; i < codes.length; i++) {
      if (codes[i].equals(s)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The value of digits with at most one point, starting with a digit, with fewer than 9 digits;
   * else -1. Exactly {@link Double#parseDouble}: the digits and the power of ten are exact doubles,
   * and one division rounds correctly.
   */
  static double plainDecimal(String s) {
    int n = s.length();
    if (n == 0 || n > 9 || s.charAt(0) < '0' || s.charAt(0) > '9') {
      return -1;
    }
    long m = 0;
    int digits = 0;
    int point = -1;
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      if (ch >= '0' && ch <= '9') {
        m = m * 10 + (ch - '0');
        digits++;
      } else if (ch == '.' && point < 0) {
        point = i;
      } else {
        return -1;
      }
    }
    if (digits > 8) {
      return -1;
    }
    return point < 0 ? (double) m : m / POWERS_OF_TEN[n - 1 - point];
  }

  private static final double[] POWERS_OF_TEN = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

  /**
   * A valid identifier that is not a missing-data code (does not start with N, n or -) and has too
   * few digits and letters for a direct identifier.
   */
  private static boolean plainId(String s) {
    int n = s.length();
    if (n < 1 || n > 32) {
      return false;
    }
    char first = s.charAt(0);
    if (first == 'N' || first == 'n' || first == '-') {
      return false;
    }
    int digits = 0;
    int letters = 0;
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      if (ch >= '0' && ch <= '9') {
        digits++;
      } else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
        letters++;
      } else if (ch != '_' && ch != '-') {
        return false;
      }
    }
    return DirectIdentifiers.tooFewForNumberOrPostcode(digits, letters);
  }

  /** The missing-data code the value looks like (case and surrounding spaces ignored), or null. */
  static String missingCode(String s) {
    if (s.length() > 8) {
      return null;
    }
    char c = s.charAt(0);
    if (c != 'N' && c != 'n' && c != '.' && c != '-' && !Character.isWhitespace(c)) {
      return null; // every code starts with one of these
    }
    String t = s.strip();
    for (String m : MISSING_CODES) {
      if (m.equalsIgnoreCase(t)) {
        return m;
      }
    }
    return null;
  }

  static boolean isId(String s) {
    int n = s.length();
    if (n < 1 || n > 32) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      if (!((ch >= 'a' && ch <= 'z')
          || (ch >= 'A' && ch <= 'Z')
          || (ch >= '0' && ch <= '9')
          || ch == '_'
          || ch == '-')) {
        return false;
      }
    }
    return true;
  }

  private static void checkId(Row row, int c, Column col, String s) {
    if (isId(s)) {
      row.ok[c] = true;
      return;
    }
    String why;
    if (s.length() > 32) {
      why = String.format(Locale.ROOT, " (it has %d characters)", s.length());
    } else if (!s.equals(s.strip())) {
      why = " (it has leading or trailing spaces)";
    } else {
      why = "";
    }
    row.pending.add(
        new Row.Pending(
            c,
            Rule.ID_FORMAT,
            col.name()
                + " "
                + Text.quote(s)
                + " is not a valid identifier"
                + why
                + ": use 1 to 32 characters of A-Z, a-z, 0-9, _ and -"));
  }

  private static void checkCode(Row row, int c, Column col, String s) {
    List<String> codes = col.codes();
    for (int i = 0; i < codes.size(); i++) {
      if (codes.get(i).equals(s)) {
        row.ok[c] = true;
        row.number[c] = i;
        return;
      }
    }
    String near = nearMiss(codes, s);
    String hint = near == null ? "" : "; did you mean " + Text.quote(near) + "?";
    row.pending.add(
        new Row.Pending(
            c,
            Rule.CODE,
            col.name()
                + " "
                + Text.quote(s)
                + " is not a valid code"
                + hint
                + " Valid codes (exact, case-sensitive): "
                + String.join(", ", codes)));
  }

  /**
   * The code the value matches once case, surrounding spaces and space/hyphen-for-underscore are
   * ignored.
   */
  static String nearMiss(List<String> codes, String s) {
    String t = normalise(s);
    for (String code : codes) {
      if (normalise(code).equals(t)) {
        return code;
      }
    }
    return null;
  }

  private static String normalise(String s) {
    return s.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
  }

  private static void checkDate(Row row, int c, Column col, String s) {
    int d = Dates.parse(s);
    if (d != Dates.INVALID) {
      row.ok[c] = true;
      row.day[c] = d;
      return;
    }
    Rule rule = Rule.DATE_FORMAT;
    String what;
    String t = s.strip();
    if (Dates.hasIsoShape(s)) {
      rule = Rule.CALENDAR_DATE;
      what = " is not a real calendar date; check the day and month";
    } else if (!t.equals(s) && Dates.parse(t) != Dates.INVALID) {
      what = " has leading or trailing spaces; write the date alone as YYYY-MM-DD";
    } else if (t.length() > 10 && Dates.parse(t.substring(0, 10)) != Dates.INVALID) {
      what = " is a date-time; give the date only, as YYYY-MM-DD (e.g. 2021-04-03)";
    } else if (t.length() == 8
        && allDigits(t)
        && Dates.parse(t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6))
            != Dates.INVALID) {
      what = " has no hyphens; write dates as YYYY-MM-DD (e.g. 2021-04-03)";
    } else if (isExcelSerial(t)) {
      what =
          " looks like an Excel serial day number; format the column as a date written YYYY-MM-DD"
              + " (e.g. 2021-04-03) before exporting";
    } else {
      int[] parts = numericParts(t);
      if (parts != null && parts[0] == 4) {
        what =
            " has a one-digit month or day; write YYYY-MM-DD with two digits each (e.g."
                + " 2021-04-03)";
      } else if (parts != null && parts[0] <= 2 && (parts[2] == 4 || parts[2] == 2)) {
        what =
            " looks like a day/month/year (or month/day/year) date; write dates as YYYY-MM-DD (e.g."
                + " 2021-04-03 for 3 April 2021)";
      } else {
        what = " is not a date in the format YYYY-MM-DD (e.g. 2021-04-03)";
      }
    }
    row.pending.add(new Row.Pending(c, rule, col.name() + " " + Text.quote(s) + what));
  }

  /**
   * Up to five digits, optionally with a decimal fraction (a day number, perhaps with a time of
   * day).
   */
  private static boolean isExcelSerial(String t) {
    int dot = t.indexOf('.');
    String whole = dot < 0 ? t : t.substring(0, dot);
    if (whole.isEmpty() || whole.length() > 5 || !allDigits(whole)) {
      return false;
    }
    return dot < 0 || (dot < t.length() - 1 && allDigits(t.substring(dot + 1)));
  }

  /**
   * Lengths of three digit groups separated by '/', '.' or '-', or null if the value is not of that
   * shape.
   */
  private static int[] numericParts(String t) {
    String[] p = t.split("[/.\\-]", -1);
    if (p.length != 3) {
      return null;
    }
    int[] len = new int[3];
    for (int i = 0; i < 3; i++) {
      if (p[i].isEmpty() || !allDigits(p[i])) {
        return null;
      }
      len[i] = p[i].length();
    }
    return len;
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static void checkInteger(Row row, int c, Column col, String s) {
    int n = s.length();
    int i = s.charAt(0) == '-' ? 1 : 0;
    boolean digits = i < n;
    long v = 0;
    boolean overflow = false;
    for (int k = i; k < n && digits; k++) {
      char ch = s.charAt(k);
      if (ch < '0' || ch > '9') {
        digits = false;
      } else if (k - i >= 18) {
        overflow = true;
      } else {
        v = v * 10 + (ch - '0');
      }
    }
    if (!digits) {
      String what =
          isPlainDecimal(s) ? " must be a whole number (no decimals)" : " is not a whole number";
      row.pending.add(new Row.Pending(c, Rule.INTEGER, col.name() + " " + Text.quote(s) + what));
      return;
    }
    v = i == 1 ? -v : v;
    if (overflow || (col.min() != null && v < col.min()) || (col.max() != null && v > col.max())) {
      row.pending.add(
          new Row.Pending(c, Rule.RANGE, col.name() + " " + Text.quote(s) + " is " + bounds(col)));
      return;
    }
    row.ok[c] = true;
    row.number[c] = v;
  }

  private static String bounds(Column col) {
    if (col.max() == null) {
      return "out of range: it must be " + col.min() + " or more";
    }
    return "out of range: it must be between " + col.min() + " and " + col.max();
  }

  /** Digits with an optional minus and at most one decimal point, at least one digit. */
  static boolean isPlainDecimal(String s) {
    int n = s.length();
    int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
    boolean digit = false;
    boolean point = false;
    for (; i < n; i++) {
      char ch = s.charAt(i);
      if (ch >= '0' && ch <= '9') {
        digit = true;
      } else if (ch == '.' && !point) {
        point = true;
      } else {
        return false;
      }
    }
    return digit;
  }

  private static void checkDecimal(Row row, int c, Column col, String s) {
    if (!isPlainDecimal(s)) {
      String what =
          isPlainDecimal(s.replace(',', '.'))
              ? " is not a number: use a point, not a comma, as the decimal separator"
              : " is not a plain decimal number (digits with an optional point, e.g. 42 or 37.5)";
      row.pending.add(new Row.Pending(c, Rule.DECIMAL, col.name() + " " + Text.quote(s) + what));
      return;
    }
    row.ok[c] = true;
    row.decimal[c] = Double.parseDouble(s);
  }

  private static void checkText(Row row, int c, Column col, String s) {
    int len = s.codePointCount(0, s.length());
    if ((col.min() != null && len < col.min()) || (col.max() != null && len > col.max())) {
      row.pending.add(
          new Row.Pending(
              c,
              Rule.TEXT_LENGTH,
              String.format(
                  Locale.ROOT,
                  "%s has %d characters; it must have %d to %d",
                  col.name(),
                  len,
                  col.min(),
                  col.max())));
      return;
    }
    row.ok[c] = true;
  }
}
