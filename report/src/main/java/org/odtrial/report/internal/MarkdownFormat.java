package org.odtrial.report.internal;

import java.util.List;

/** report.md: pipe tables, footnote letters as superscripts, figures linked as the SVG files. */
public final class MarkdownFormat {
  private MarkdownFormat() {}

  public static String render(Content c) {
    StringBuilder m = new StringBuilder();
    m.append("# ").append(Esc.md(c.title())).append("\n\n");
    for (String[] kv : ProvenanceText.pairs(c.provenance())) {
      m.append("- ").append(kv[0]).append(": `").append(kv[1].replace("`", "'")).append("`\n");
    }
    m.append("\n").append(Esc.md(c.blindingNote())).append("\n\n## Tables\n\n");
    for (Table t : c.tables()) {
      table(m, t);
    }
    m.append("## Figures\n\n");
    for (Drawing d : c.figures()) {
      m.append("![").append(Esc.md(d.caption())).append("](").append(d.name()).append(".svg)\n\n");
      m.append("**").append(Esc.md(d.caption())).append(".**");
      for (String n : d.notes()) {
        m.append(' ').append(Esc.md(n));
      }
      m.append("\n\n");
    }
    if (!c.warnings().isEmpty()) {
      m.append("## Analysis warnings\n\n");
      for (String w : c.warnings()) {
        m.append("- ").append(Esc.md(w)).append('\n');
      }
      m.append('\n');
    }
    return m.toString();
  }

  private static String sup(Table t, List<String> notes) {
    String s = t.marks(notes);
    return s.isEmpty() ? "" : "<sup>" + s + "</sup>";
  }

  private static void table(StringBuilder m, Table t) {
    m.append("### ").append(Esc.md(t.caption())).append("\n\n|");
    for (String h : t.headerTexts()) {
      m.append(' ').append(Esc.md(h)).append(" |");
    }
    m.append("\n|---|");
    t.columns().forEach(c -> m.append(c.words() ? ":---|" : "---:|"));
    m.append('\n');
    for (Row row : t.rows()) {
      // an indented label keeps its indent as non-breaking spaces, which Markdown keeps
      String label = "\u00a0".repeat(4 * row.indent()) + Esc.md(row.label()) + sup(t, row.notes());
      m.append("| ").append(row.heading() ? "*" + label + "*" : label).append(" |");
      for (Cell cell : row.cells()) {
        m.append(' ').append(Esc.md(cell.text())).append(sup(t, cell.notes())).append(" |");
      }
      m.append('\n');
    }
    m.append('\n');
    for (Note n : t.notes()) {
      m.append(n.marker().isEmpty() ? "" : "<sup>" + n.marker() + "</sup> ")
          .append(Esc.md(n.text()))
          .append("  \n");
    }
    m.append('\n');
  }
}
