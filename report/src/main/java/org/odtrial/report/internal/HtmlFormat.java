package org.odtrial.report.internal;

/**
 * report.html: one self-contained page, inline CSS, inline SVG figures, nothing fetched from
 * anywhere.
 */
public final class HtmlFormat {
  private static final String CSS =
      """
body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 2em auto; max-width: 1100px; color: #111; line-height: 1.4; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.5em 0 0.3em 0; font-size: 0.9em; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
th, td { padding: 0.2em 0.6em; vertical-align: top; }
thead th { border-top: 2px solid #000; border-bottom: 1px solid #000; text-align: right; }
thead th:first-child { text-align: left; }
tbody tr:last-child td { border-bottom: 2px solid #000; }
td.num { text-align: right; white-space: nowrap; }
tr.section td { font-weight: bold; padding-top: 0.6em; }
p.note { font-size: 0.85em; margin: 0.1em 0; color: #333; }
figure { margin: 1.5em 0; } figcaption { font-weight: bold; margin-bottom: 0.4em; }
svg { max-width: 100%; height: auto; }
footer { margin-top: 3em; border-top: 1px solid #999; font-size: 0.85em; color: #333; }
code { font-size: 0.95em; }
""";

  private HtmlFormat() {}

  public static String render(Content c) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.append("<title>")
        .append(Esc.xml(c.title()))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(Esc.xml(c.title())).append("</h1>\n");
    h.append("<p>").append(Esc.xml(c.blindingNote())).append("</p>\n");
    h.append("<h2>Tables</h2>\n");
    for (Table t : c.tables()) {
      table(h, t);
    }
    h.append("<h2>Figures</h2>\n");
    for (Drawing d : c.figures()) {
      h.append("<figure id=\"")
          .append(d.name())
          .append("\">\n<figcaption>")
          .append(Esc.xml(d.title()))
          .append("</figcaption>\n");
      h.append(Svg.element(d, c.provenance(), false));
      h.append("</figure>\n");
    }
    if (!c.warnings().isEmpty()) {
      h.append("<h2>Analysis warnings</h2>\n<ul>\n");
      for (String w : c.warnings()) {
        h.append("<li>").append(Esc.xml(w)).append("</li>\n");
      }
      h.append("</ul>\n");
    }
    h.append("<footer>\n<p>Provenance</p>\n<dl>\n");
    for (String[] kv : ProvenanceText.pairs(c.provenance())) {
      h.append("<dt>")
          .append(Esc.xml(kv[0]))
          .append("</dt><dd><code>")
          .append(Esc.xml(kv[1]))
          .append("</code></dd>\n");
    }
    h.append("</dl>\n</footer>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void table(StringBuilder h, Table t) {
    h.append("<table id=\"table-")
        .append(t.key())
        .append("\">\n<caption>")
        .append(Esc.xml(t.title()))
        .append("</caption>\n<thead><tr>");
    for (String col : t.header()) {
      h.append("<th scope=\"col\">").append(Esc.xml(col)).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (var row : t.rows()) {
      if (t.isSection(row)) {
        h.append("<tr class=\"section\"><td colspan=\"")
            .append(row.size())
            .append("\">")
            .append(Esc.xml(row.get(0).strip()))
            .append("</td></tr>\n");
        continue;
      }
      h.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        if (i == 0) {
          // leading spaces mark an indented row label
          int indent = cell.length() - cell.stripLeading().length();
          h.append(indent > 0 ? "<td style=\"padding-left:1.6em\">" : "<td>")
              .append(Esc.xml(cell.strip()))
              .append("</td>");
        } else {
          h.append("<td class=\"num\">").append(Esc.xml(cell)).append("</td>");
        }
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
    for (String n : t.notes()) {
      h.append("<p class=\"note\">").append(Esc.xml(n)).append("</p>\n");
    }
  }
}
