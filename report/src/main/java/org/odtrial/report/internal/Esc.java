package org.odtrial.report.internal;

import org.odtrial.ingest.output.CsvCells;
import org.odtrial.ingest.output.HtmlText;

/** Escaping of cell and caption text for each output format. */
public final class Esc {
  private Esc() {}

  /** XML and HTML text and attribute values. */
  public static String xml(String s) {
    return HtmlText.escape(s);
  }

  /**
   * Markdown table cells and paragraphs: pipes, backslashes and inline markup characters escaped.
   */
  public static String md(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if ("\\|*_`[]<>#".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * LaTeX text mode with the default (OT1) fonts of a minimal TeX installation: special characters
   * escaped, the few symbols the report uses set in math mode, Latin letters with accents passed to
   * LaTeX's UTF-8 input, and any other character (which such fonts cannot set) replaced by "?".
   */
  public static String tex(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '\\' -> b.append("$\\backslash$");
        case '{', '}', '%', '$', '&', '#', '_' -> b.append('\\').appendCodePoint(c);
        case '~' -> b.append("$\\sim$");
        case '^' -> b.append("\\^{}");
        case '<' -> b.append("$<$");
        case '>' -> b.append("$>$");
        case '|' -> b.append("$|$");
        case '"' -> b.append("''");
        case '\u2265' -> b.append("$\\geq$");
        case '\u2264' -> b.append("$\\leq$");
        case '\u03c7' -> b.append("$\\chi$");
        case '\u00b2' -> b.append("$^2$");
        case '\u00b1' -> b.append("$\\pm$");
        case '\u00d7' -> b.append("$\\times$");
        case '\u2212' -> b.append("$-$");
        case '\u2013' -> b.append("--");
        case '\u2014' -> b.append("---");
        case '\u2018', '\u2019' -> b.append('\'');
        case '\u201c' -> b.append("``");
        case '\u201d' -> b.append("''");
        case '\u2026' -> b.append("\\dots{}");
        case '\u00a0' -> b.append('~');
        default -> {
          if (c < 0x80 || (c >= 0xc0 && c <= 0x17f && c != 0xd7 && c != 0xf7)) {
            b.appendCodePoint(c);
          } else {
            b.append('?');
          }
        }
      }
    }
    return b.toString().replace("$\\chi$$^2$", "$\\chi^2$");
  }

  /**
   * A CSV field: made spreadsheet-safe by {@link CsvCells} (plain numbers stay plain), then quoted
   * when it holds a comma, quote or line break.
   */
  public static String csv(String s) {
    String v = CsvCells.text(s);
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
