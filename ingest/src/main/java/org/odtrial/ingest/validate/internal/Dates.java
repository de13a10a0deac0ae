package org.odtrial.ingest.validate.internal;

import java.time.LocalDate;

/** Hand-written parsing of contract dates, cheap enough to run on every cell. */
public final class Dates {
  /** Returned by {@link #parse} for a value that is not a strict YYYY-MM-DD calendar date. */
  public static final int INVALID = Integer.MIN_VALUE;

  private Dates() {}

  /** Epoch day of a strict {@code YYYY-MM-DD} real calendar date, or {@link #INVALID}. */
  public static int parse(String s) {
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return INVALID;
    }
    int y = digits(s, 0, 4);
    int m = digits(s, 5, 7);
    int d = digits(s, 8, 10);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > monthLength(y, m)) {
      return INVALID;
    }
    if (y >= FIRST_YEAR && y < FIRST_YEAR + YEARS) {
      return MONTH_STARTS[(y - FIRST_YEAR) * 12 + m - 1] + d - 1;
    }
    return (int) epochDay(y, m, d);
  }

  // epoch day of the first of each month of the years most dates fall in, worked out once
  private static final int FIRST_YEAR = 1900;
  private static final int YEARS = 200;
  private static final int[] MONTH_STARTS = new int[YEARS * 12];

  static {
    for (int i = 0; i < MONTH_STARTS.length; i++) {
      MONTH_STARTS[i] = (int) epochDay(FIRST_YEAR + i / 12, i % 12 + 1, 1);
    }
  }

  /** True when the value has the YYYY-MM-DD shape (it may still not be a real date). */
  public static boolean hasIsoShape(String s) {
    return s.length() == 10
        && s.charAt(4) == '-'
        && s.charAt(7) == '-'
        && digits(s, 0, 4) >= 0
        && digits(s, 5, 7) >= 0
        && digits(s, 8, 10) >= 0;
  }

  public static String format(int epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  static int monthLength(int y, int m) {
    switch (m) {
      case 2:
        return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 (proleptic Gregorian), as java.time computes it. */
  static long epochDay(int year, int month, int day) {
    long y = year;
    long total = 365 * y;
    if (y >= 0) {
      total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    } else {
      total -= y / -4 - y / -100 + y / -400;
    }
    total += (367 * month - 362) / 12;
    total += day - 1;
    if (month > 2) {
      total--;
      if (!(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
        total--;
      }
    }
    return total - 719528; // days from 0000-01-01 to 1970-01-01
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
