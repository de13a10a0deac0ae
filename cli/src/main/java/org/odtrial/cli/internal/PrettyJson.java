package org.odtrial.cli.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * A streaming JSON writer for the large findings lists, byte for byte what Jackson writes in the
 * one odtrial style ({@code JsonStyle}: two-space indent, LF, {@code "key": value}, {@code [ ]} and
 * {@code { }} when empty, Jackson's string escapes). Written by hand because Jackson's pretty
 * printer took about half of the time of writing 70 MB of findings; strings, longs and nulls only.
 * Not thread-safe; field names are written as given (ASCII names, nothing to escape).
 */
public final class PrettyJson {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** Jackson's escapes for ASCII: 0 none, -1 {@code \\u00XX}, else the character after '\'. */
  private static final int[] ESCAPES = new int[128];

  static {
    for (int i = 0; i < 0x20; i++) {
      ESCAPES[i] = -1;
    }
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\f'] = 'f';
    ESCAPES['\n'] = 'n';
    ESCAPES['\r'] = 'r';
  }

  private final Writer out;
  private final char[] buf = new char[32 * 1024];
  private int pos;
  // entries written so far in each open object or array, and whether it is an array
  private int[] entries = new int[16];
  private boolean[] array = new boolean[16];
  private int depth; // open objects and arrays
  private boolean afterName; // a field name was written, its value is next

  public PrettyJson(Writer out) {
    this.out = out;
  }

  public void startObject() throws IOException {
    beforeValue();
    push(false);
    put('{');
  }

  public void endObject() throws IOException {
    end('}');
  }

  public void startArray() throws IOException {
    beforeValue();
    push(true);
    put('[');
  }

  public void endArray() throws IOException {
    end(']');
  }

  /** A field name in the open object; its value follows. */
  public void name(String name) throws IOException {
    if (entries[depth - 1]++ > 0) {
      put(',');
    }
    indent(depth);
    put('"');
    put(name);
    put('"');
    afterName = true;
  }

  public void string(String value) throws IOException {
    beforeValue();
    put('"');
    escaped(value);
    put('"');
  }

  public void number(long value) throws IOException {
    beforeValue();
    put(Long.toString(value));
  }

  public void nullValue() throws IOException {
    beforeValue();
    put("null");
  }

  /** A string field, or a null one when {@code value} is null. */
  public void stringOrNull(String name, String value) throws IOException {
    name(name);
    if (value == null) {
      nullValue();
    } else {
      string(value);
    }
  }

  public void number(String name, long value) throws IOException {
    name(name);
    number(value);
  }

  /** Writes what is buffered to the writer (which it does not flush). */
  public void flush() throws IOException {
    if (pos > 0) {
      out.write(buf, 0, pos);
      pos = 0;
    }
  }

  private void beforeValue() throws IOException {
    if (afterName) {
      put(':');
      put(' ');
      afterName = false;
    } else if (depth > 0) { // in an array
      if (entries[depth - 1]++ > 0) {
        put(',');
      }
      indent(depth);
    }
  }

  private void push(boolean isArray) {
    if (depth == entries.length) {
      entries = Arrays.copyOf(entries, depth * 2);
      array = Arrays.copyOf(array, depth * 2);
    }
    entries[depth] = 0;
    array[depth] = isArray;
    depth++;
  }

  private void end(char c) throws IOException {
    if (depth == 0 || array[depth - 1] != (c == ']') || afterName) {
      throw new IllegalStateException("unbalanced JSON: " + c);
    }
    depth--;
    if (entries[depth] > 0) {
      indent(depth);
    } else {
      put(' ');
    }
    put(c);
  }

  private void indent(int level) throws IOException {
    if (pos + 1 + 2 * level > buf.length) {
      flush();
    }
    buf[pos++] = '\n';
    for (int i = 0; i < level; i++) {
      buf[pos++] = ' ';
      buf[pos++] = ' ';
    }
  }

  private void put(char c) throws IOException {
    if (pos == buf.length) {
      flush();
    }
    buf[pos++] = c;
  }

  private void put(String s) throws IOException {
    int n = s.length();
    if (pos + n > buf.length) {
      flush();
      if (n > buf.length) {
        out.write(s);
        return;
      }
    }
    s.getChars(0, n, buf, pos);
    pos += n;
  }

  private void escaped(String s) throws IOException {
    int n = s.length();
    int i = 0;
    while (i < n) {
      // the longest run that needs no escape, copied at once
      int start = i;
      while (i < n) {
        char c = s.charAt(i);
        if (c < 128 && ESCAPES[c] != 0) {
          break;
        }
        i++;
      }
      if (i > start) {
        int len = i - start;
        if (pos + len > buf.length) {
          flush();
        }
        if (len > buf.length) {
          out.write(s, start, len);
        } else {
          s.getChars(start, i, buf, pos);
          pos += len;
        }
      }
      if (i < n) {
        escape(s.charAt(i++));
      }
    }
  }

  private void escape(char c) throws IOException {
    if (pos + 6 > buf.length) {
      flush();
    }
    buf[pos++] = '\\';
    int e = ESCAPES[c];
    if (e > 0) {
      buf[pos++] = (char) e;
    } else {
      buf[pos++] = 'u';
      buf[pos++] = '0';
      buf[pos++] = '0';
      buf[pos++] = HEX[c >> 4];
      buf[pos++] = HEX[c & 0xF];
    }
  }
}
