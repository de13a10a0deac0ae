package org.odtrial.ingest.validate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable ids of data queries. A query is one rule failing on one column of one record, so its id is
 * derived from file, record key, column and rule, never from the line: a record that moves down the
 * file keeps its queries. Findings without a record (about a file or its header) take their line
 * instead.
 *
 * <p>The id is {@code Q} followed by 12 characters of Crockford base 32 (digits and upper-case
 * letters without I, L, O, U): the first 60 bits of the SHA-256 of {@code
 * file\u001Frecord\u001Fcolumn\u001Frule} (an absent part is empty; for a finding without a record
 * the record part is {@code line:<n>}). Two different queries of one trial share an id with
 * probability about n^2 / 2^61, below one in a million for a million queries; the store refuses a
 * load rather than merge two.
 */
public final class QueryId {
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  /** Characters after the {@code Q}. */
  public static final int LENGTH = 12;

  private QueryId() {}

  public static String of(String file, String record, String column, String rule, long line) {
    String key =
        nullToEmpty(file)
            + '\u001F'
            + (record == null ? "line:" + line : record)
            + '\u001F'
            + nullToEmpty(column)
            + '\u001F'
            + nullToEmpty(rule);
    byte[] h = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (h[i] & 0xff);
    }
    char[] out = new char[LENGTH + 1];
    out[0] = 'Q';
    for (int i = 0; i < LENGTH; i++) {
      out[1 + i] = CROCKFORD[(int) (bits >>> (64 - 5 * (i + 1))) & 31];
    }
    return new String(out);
  }

  /** Whether {@code s} has the shape of a query id (after trimming nothing). */
  public static boolean isWellFormed(String s) {
    if (s == null || s.length() != LENGTH + 1 || s.charAt(0) != 'Q') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (new String(CROCKFORD).indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  // one digest a thread: looking the algorithm up for each id cost as much as hashing the key
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is part of every Java platform", e);
            }
          });

  private static MessageDigest sha256() {
    return SHA256.get(); // digest() below resets it for the next id
  }
}
