package org.odtrial.ingest.store.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Rows streamed into one PostgreSQL table with {@code COPY ... FROM STDIN} in text format, inside
 * the connection's open transaction: one statement for all of a table's rows instead of one
 * executed INSERT per row, so the server parses each row once and no round trip waits on it. Rows
 * are encoded into a buffer of about 64 KiB that is sent whenever it fills, so memory does not grow
 * with the upload.
 *
 * <p>A connection runs one COPY at a time and nothing else meanwhile: {@link #end} finishes the
 * statement (a later row starts a new one), and must be called before the connection runs any other
 * statement. Text format: columns separated by a tab, rows ended by a newline, NULL as {@code \N},
 * and in values a backslash, tab, newline and carriage return written as {@code \\}, {@code \t},
 * {@code \n} and {@code \r}; everything else as UTF-8, the connection's encoding.
 */
final class CopyRows {
  private static final int SEND_AT = 1 << 16;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final CopyManager manager;
  private final String sql;
  private CopyIn copy;
  private byte[] buffer = new byte[SEND_AT + 1024];
  private int length;
  private boolean first = true;

  /**
   * @param sql the {@code COPY table (columns) FROM STDIN} statement
   */
  CopyRows(Connection connection, String sql) throws SQLException {
    this.manager = connection.unwrap(PGConnection.class).getCopyAPI();
    this.sql = sql;
  }

  /** A text value, or NULL. */
  CopyRows text(String value) {
    if (value == null) {
      return nullValue();
    }
    separate();
    int n = value.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        switch (c) {
          case '\\' -> escape('\\');
          case '\t' -> escape('t');
          case '\n' -> escape('n');
          case '\r' -> escape('r');
          default -> buffer[length++] = (byte) c;
        }
      } else {
        // the rest through the JDK's encoder (a pair of surrogates is one code point)
        utf8(value.substring(i));
        break;
      }
    }
    return this;
  }

  /** A NULL. */
  CopyRows nullValue() {
    separate();
    ensure(2);
    buffer[length++] = '\\';
    buffer[length++] = 'N';
    return this;
  }

  /** An integer, in the decimal form PostgreSQL reads exactly. */
  CopyRows integer(long value) {
    return plain(Long.toString(value));
  }

  /**
   * A double precision value: Java's shortest text that identifies it, which PostgreSQL's input
   * (correctly rounding) reads back as the same double. Only finite values are written.
   */
  CopyRows decimal(double value) {
    return plain(Double.toString(value));
  }

  /** A bytea value, as {@code \\x} and hex digits (the backslash escaped for the text format). */
  CopyRows bytes(byte[] value) {
    separate();
    ensure(3 + 2 * value.length);
    buffer[length++] = '\\';
    buffer[length++] = '\\';
    buffer[length++] = 'x';
    for (byte b : value) {
      buffer[length++] = HEX[(b >> 4) & 0xf];
      buffer[length++] = HEX[b & 0xf];
    }
    return this;
  }

  /** Ends the row; sends the buffer when it is full. */
  void endRow() throws SQLException {
    ensure(1);
    buffer[length++] = '\n';
    first = true;
    if (length >= SEND_AT) {
      send();
    }
  }

  /** Sends what is buffered and finishes the COPY statement, if one is running. */
  void end() throws SQLException {
    if (length > 0) {
      send();
    }
    if (copy != null) {
      CopyIn running = copy;
      copy = null;
      running.endCopy();
    }
  }

  /**
   * Abandons a running COPY (the load is being rolled back): the server discards its rows, and the
   * connection can run the rollback.
   */
  void cancel() {
    length = 0;
    if (copy != null) {
      CopyIn running = copy;
      copy = null;
      try {
        if (running.isActive()) {
          running.cancelCopy();
        }
      } catch (SQLException e) {
        // the COPY failed already; the rollback that follows ends the transaction either way
      }
    }
  }

  private void send() throws SQLException {
    if (copy == null) {
      copy = manager.copyIn(sql);
    }
    int n = length;
    length = 0;
    copy.writeToCopy(buffer, 0, n);
  }

  /** A value whose text is ASCII with nothing to escape (a number's digits), as it is. */
  CopyRows ascii(String value) {
    return plain(value);
  }

  private CopyRows plain(String ascii) {
    separate();
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buffer[length++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  private void utf8(String rest) {
    byte[] bytes = rest.getBytes(StandardCharsets.UTF_8);
    ensure(bytes.length);
    for (byte b : bytes) {
      // bytes of multi-byte characters are >= 0x80 and never one of the escaped ASCII characters
      switch (b) {
        case '\\' -> escape('\\');
        case '\t' -> escape('t');
        case '\n' -> escape('n');
        case '\r' -> escape('r');
        default -> buffer[length++] = b;
      }
    }
  }

  private void escape(char c) {
    buffer[length++] = '\\';
    buffer[length++] = (byte) c;
  }

  private void separate() {
    if (first) {
      first = false;
    } else {
      ensure(1);
      buffer[length++] = '\t';
    }
  }

  /** Room for {@code n} more characters, each up to two bytes escaped. */
  private void ensure(int n) {
    int need = length + 2 * n;
    if (need > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(need, 2 * buffer.length));
    }
  }
}
