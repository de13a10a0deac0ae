package org.odtrial.ingest.output;

/**
 * The one escaping of text for the HTML pages odtrial writes (the trial report, the data-quality
 * report): safe in element content and in quoted attribute values.
 */
public final class HtmlText {
  private HtmlText() {}

  /** {@code s} with {@code & < > " '} replaced by their character references. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
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
}
