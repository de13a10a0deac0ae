package org.odtrial.ingest.generate.internal;

import java.time.LocalDate;

/**
 * Day numbers (days since 1970-01-01) to text, with the common dates cached: formatting dominates
 * writing time.
 */
public final class Dates {
  private static final int FIRST = (int) LocalDate.of(2015, 1, 1).toEpochDay();
  private static final int DAYS = 20 * 366;
  private static final String[] ISO = new String[DAYS];

  /**
   * Excel's day 0 (it counts 1900 as a leap year, so serials from March 1900 count from
   * 1899-12-30).
   */
  private static final int EXCEL_EPOCH = (int) LocalDate.of(1899, 12, 30).toEpochDay();

  static {
    for (int i = 0; i < DAYS; i++) {
      ISO[i] = LocalDate.ofEpochDay(FIRST + i).toString();
    }
  }

  private Dates() {}

  /** ISO 8601 {@code YYYY-MM-DD}. */
  public static String iso(int day) {
    int i = day - FIRST;
    return i >= 0 && i < DAYS ? ISO[i] : LocalDate.ofEpochDay(day).toString();
  }

  public static int day(LocalDate date) {
    return (int) date.toEpochDay();
  }

  public static int parseIso(String text) {
    return (int) LocalDate.parse(text).toEpochDay();
  }

  /** Day-first with slashes, {@code 03/04/2021} (a UK spreadsheet's default). */
  public static String slashes(int day) {
    LocalDate d = LocalDate.ofEpochDay(day);
    return twoDigits(d.getDayOfMonth()) + "/" + twoDigits(d.getMonthValue()) + "/" + d.getYear();
  }

  /** The Excel serial number of a date. */
  public static String excelSerial(int day) {
    return Integer.toString(day - EXCEL_EPOCH);
  }

  private static String twoDigits(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }
}
