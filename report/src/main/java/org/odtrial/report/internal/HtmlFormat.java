package org.odtrial.report.internal;

import java.util.List;

/**
 * report.html: one self-contained page, inline CSS, inline SVG figures, nothing fetched from
 * anywhere.
 */
public final class HtmlFormat {
  private static final String CSS =
      """
body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #111; line-height: 1.4; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.5em 0 0.3em 0; font-size: 0.88em; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
th, td { padding: 0.15em 0.6em; vertical-align: top; }
thead th { border-top: 2px solid #000; border-bottom: 1px solid #000; text-align: right; font-weight: bold; }
thead th:first-child, thead th.words { text-align: left; }
tbody tr:last-child td { border-bottom: 2px solid #000; }
td.num { text-align: right; white-space: nowrap; }
td.words { text-align: left; min-width: 8em; }
sup { line-height: 0; font-size: 0.75em; }
td.indent1 { padding-left: 1.8em; } td.indent2 { padding-left: 3.6em; }
tr.section td { font-style: italic; padding-top: 0.5em; }
.notes { font-size: 0.82em; color: #333; margin: 0.2em 0 1.5em 0; max-width: 60em; }
.notes p { margin: 0.1em 0; }
figure { margin: 1.5em 0 2em 0; }
figure svg { width: 100%; max-width: 640px; height: auto; display: block; }
figcaption { font-size: 0.9em; max-width: 60em; margin-top: 0.4em; }
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
      h.append("<figure id=\"").append(d.name()).append("\">\n");
      h.append(Svg.element(d, c.provenance(), false));
      h.append("<figcaption><strong>").append(Esc.xml(d.caption())).append(".</strong>");
      for (String n : d.notes()) {
        h.append(' ').append(Esc.xml(n));
      }
      h.append("</figcaption>\n</figure>\n");
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

  private static String sup(Table t, java.util.List<String> notes) {
    String m = t.marks(notes);
    return m.isEmpty() ? "" : "<sup>" + m + "</sup>";
  }

  private static void table(StringBuilder h, Table t) {
    h.append("<table id=\"")
        .append(t.fileName())
        .append("\">\n<caption>")
        .append(Esc.xml(t.caption()))
        .append("</caption>\n<thead><tr>");
    List<String> headers = t.headerTexts();
    for (int j = 0; j < headers.size(); j++) {
      boolean words = j > 0 && t.columns().get(j - 1).words();
      h.append(words ? "<th scope=\"col\" class=\"words\">" : "<th scope=\"col\">")
          .append(Esc.xml(headers.get(j)))
          .append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (Row row : t.rows()) {
      if (row.heading()) {
        h.append("<tr class=\"section\"><td colspan=\"")
            .append(t.columns().size() + 1)
            .append("\">")
            .append(Esc.xml(row.label()))
            .append(sup(t, row.notes()))
            .append("</td></tr>\n");
        continue;
      }
      h.append("<tr>")
          .append(row.indent() > 0 ? "<td class=\"indent" + row.indent() + "\">" : "<td>")
          .append(Esc.xml(row.label()))
          .append(sup(t, row.notes()))
          .append("</td>");
      for (int j = 0; j < row.cells().size(); j++) {
        Cell cell = row.cells().get(j);
        h.append(t.columns().get(j).words() ? "<td class=\"words\">" : "<td class=\"num\">")
            .append(Esc.xml(cell.text()))
            .append(sup(t, cell.notes()))
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n<div class=\"notes\">\n");
    for (Note n : t.notes()) {
      h.append("<p>")
          .append(n.marker().isEmpty() ? "" : "<sup>" + n.marker() + "</sup> ")
          .append(Esc.xml(n.text()))
          .append("</p>\n");
    }
    h.append("</div>\n");
  }
}
