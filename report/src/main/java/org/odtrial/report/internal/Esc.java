package org.odtrial.report.internal;

/** Escaping of cell and caption text for each output format. */
public final class Esc {
  private Esc() {}

  /** XML and HTML text and attribute values. */
  public static String xml(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
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

  /** LaTeX text mode (T1 font encoding). */
  public static String tex(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\' -> b.append("\\textbackslash{}");
        case '{', '}', '%', '$', '&', '#', '_' -> b.append('\\').append(c);
        case '~' -> b.append("\\textasciitilde{}");
        case '^' -> b.append("\\textasciicircum{}");
        case '<' -> b.append("\\textless{}");
        case '>' -> b.append("\\textgreater{}");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A CSV field: quoted when it holds a comma, quote or line break; a text cell starting with =, +,
   * - or @ gets a leading single quote so a spreadsheet does not run it as a formula. Plain numbers
   * (including negative ones) stay plain.
   */
  public static String csv(String s) {
    String v = s;
    if (!v.isEmpty()
        && "=+-@".indexOf(v.charAt(0)) >= 0
        && !v.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
