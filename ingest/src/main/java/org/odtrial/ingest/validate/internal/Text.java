package org.odtrial.ingest.validate.internal;

/**
 * Quoting of values in messages. Only values that passed the direct-identifier check are ever
 * quoted.
 */
public final class Text {
  private static final int MAX = 40;

  private Text() {}

  /** The value in single quotes, control characters shown as '?', cut after 40 characters. */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 4).append('\'');
    int n = Math.min(s.length(), MAX);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    if (s.length() > MAX) {
      b.append("...");
    }
    return b.append('\'').toString();
  }
}
