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
 *
 * <p>{@link #binary} rows use PostgreSQL's binary COPY format instead (a header, per row a field
 * count, per field its length and bytes, a trailer): the server then parses no text for numbers and
 * bytea and unescapes nothing, the client escapes nothing. Each value must then be sent as its
 * column's type exactly: {@link #integer} for bigint, {@link #int4} for integer, {@link #decimal}
 * for double precision, {@link #text} for text, {@link #bytes} for bytea.
 */
final class CopyRows {
  private static final int SEND_AT = 1 << 16;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** The binary format's signature, flags (none) and header extension length (none). */
  private static final byte[] BINARY_HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  private final CopyManager manager;
  private final String sql;
  private final boolean binary;
  private CopyIn copy;
  private byte[] buffer = new byte[SEND_AT + 1024];
  private int length;
  private boolean first = true;

  /** Binary format: a statement's header was written and its trailer is still due. */
  private boolean started;

  /** Binary format: where the current row's field count goes, and the count so far. */
  private int rowStart;

  private short fields;

  /**
   * @param sql the {@code COPY table (columns) FROM STDIN} statement (text format)
   */
  CopyRows(Connection connection, String sql) throws SQLException {
    this(connection, sql, false);
  }

  private CopyRows(Connection connection, String sql, boolean binary) throws SQLException {
    this.manager = connection.unwrap(PGConnection.class).getCopyAPI();
    this.sql = sql;
    this.binary = binary;
  }

  /**
   * Rows in the binary format.
   *
   * @param sql the {@code COPY table (columns) FROM STDIN} statement, without options: {@code WITH
   *     (FORMAT binary)} is added
   */
  static CopyRows binary(Connection connection, String sql) throws SQLException {
    return new CopyRows(connection, sql + " WITH (FORMAT binary)", true);
  }

  /** A text value, or NULL. */
  CopyRows text(String value) {
    if (value == null) {
      return nullValue();
    }
    separate();
    int n = value.length();
    if (binary) {
      binaryText(value, n);
      return this;
    }
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

  /** A text value in the binary format: its length, then its UTF-8 bytes. */
  private void binaryText(String value, int n) {
    ensure(2 * n + 4);
    int at = length + 4;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length + 4);
        putInt(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
        return;
      }
      buffer[at + i] = (byte) c;
    }
    putInt(n);
    length += n;
  }

  /** A NULL. */
  CopyRows nullValue() {
    separate();
    if (binary) {
      ensure(4);
      putInt(-1);
      return this;
    }
    ensure(2);
    buffer[length++] = '\\';
    buffer[length++] = 'N';
    return this;
  }

  /** A bigint (or, in the text format, any integer column), in the decimal form read exactly. */
  CopyRows integer(long value) {
    return binary ? eightBytes(value) : plain(Long.toString(value));
  }

  /**
   * A bigint given with its text, which is {@link Long#toString} of it: the text format sends the
   * text as it is rather than formatting the value again.
   */
  CopyRows integer(long value, String canonicalText) {
    return binary ? integer(value) : plain(canonicalText);
  }

  /** An integer (int4) column's value. */
  CopyRows int4(int value) {
    if (binary) {
      separate();
      ensure(8);
      putInt(4);
      putInt(value);
      return this;
    }
    return plain(Integer.toString(value));
  }

  /**
   * A double precision value: in the text format Java's shortest text that identifies it, which
   * PostgreSQL's input (correctly rounding) reads back as the same double; in the binary format its
   * bits. Only finite values are written.
   */
  CopyRows decimal(double value) {
    return binary ? eightBytes(Double.doubleToLongBits(value)) : plain(Double.toString(value));
  }

  /** A field of eight bytes in the binary format (a bigint, or a double's bits). */
  private CopyRows eightBytes(long bits) {
    separate();
    ensure(12);
    putInt(8);
    putLong(bits);
    return this;
  }

  /**
   * A double precision value given with a plain decimal text that PostgreSQL reads as the same
   * double (both round correctly): the text format sends the text as it is.
   */
  CopyRows decimal(double value, String plainText) {
    return binary ? decimal(value) : plain(plainText);
  }

  /**
   * A bytea value: in the text format {@code \\x} and hex digits (the backslash escaped for the
   * text format), in the binary format its bytes.
   */
  CopyRows bytes(byte[] value) {
    separate();
    if (binary) {
      ensure(4 + value.length);
      putInt(value.length);
      System.arraycopy(value, 0, buffer, length, value.length);
      length += value.length;
      return this;
    }
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
    if (binary) {
      buffer[rowStart] = (byte) (fields >>> 8);
      buffer[rowStart + 1] = (byte) fields;
    } else {
      ensure(1);
      buffer[length++] = '\n';
    }
    first = true;
    if (length >= SEND_AT) {
      send();
    }
  }

  /** Sends what is buffered and finishes the COPY statement, if one is running. */
  void end() throws SQLException {
    if (started) {
      // the binary format's trailer: a field count of -1
      ensure(2);
      buffer[length++] = (byte) 0xff;
      buffer[length++] = (byte) 0xff;
      started = false;
    }
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
    started = false;
    first = true;
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
    if (binary) {
      if (first) {
        first = false;
        if (!started) {
          started = true;
          ensure(BINARY_HEADER.length);
          System.arraycopy(BINARY_HEADER, 0, buffer, length, BINARY_HEADER.length);
          length += BINARY_HEADER.length;
        }
        ensure(2);
        rowStart = length;
        length += 2;
        fields = 0;
      }
      fields++;
      return;
    }
    if (first) {
      first = false;
    } else {
      ensure(1);
      buffer[length++] = '\t';
    }
  }

  private void putInt(int n) {
    buffer[length++] = (byte) (n >>> 24);
    buffer[length++] = (byte) (n >>> 16);
    buffer[length++] = (byte) (n >>> 8);
    buffer[length++] = (byte) n;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }

  /** Room for {@code n} more characters, each up to two bytes escaped. */
  private void ensure(int n) {
    int need = length + 2 * n;
    if (need > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(need, 2 * buffer.length));
    }
  }
}
