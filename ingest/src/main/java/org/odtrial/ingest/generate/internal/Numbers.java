package org.odtrial.ingest.generate.internal;

/**
 * Integers and one-decimal numbers to text without String.format (Locale.ROOT-equivalent, and
 * fast).
 */
public final class Numbers {
  private static final String[] SMALL = new String[1001];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = Integer.toString(i);
    }
  }

  private Numbers() {}

  public static String integer(long n) {
    return n >= 0 && n < SMALL.length ? SMALL[(int) n] : Long.toString(n);
  }

  /**
   * A non-negative number with one decimal, from its value in tenths: 667 -> {@code 66.7}, 500 ->
   * {@code 50.0}.
   */
  public static String tenths(int tenths) {
    if (tenths < 0) {
      throw new IllegalArgumentException("negative tenths");
    }
    return integer(tenths / 10) + "." + (tenths % 10);
  }

  public static long clip(long value, long min, long max) {
    return Math.max(min, Math.min(max, value));
  }
}
