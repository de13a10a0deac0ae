package org.odtrial.report.internal;

/** report.md: pipe tables, figures linked as the SVG files written beside it. */
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
      m.append("### ").append(Esc.md(t.title())).append("\n\n|");
      for (String h : t.header()) {
        m.append(' ').append(Esc.md(h)).append(" |");
      }
      m.append("\n|");
      for (int i = 0; i < t.header().size(); i++) {
        m.append(i == 0 ? "---|" : "---:|");
      }
      m.append('\n');
      for (var row : t.rows()) {
        m.append('|');
        for (int i = 0; i < row.size(); i++) {
          String cell = row.get(i);
          boolean section = i == 0 && t.isSection(row);
          // indentation of row labels shown with non-breaking spaces so Markdown keeps it
          String text =
              i == 0
                  ? "\u00a0".repeat(cell.length() - cell.stripLeading().length())
                      + Esc.md(cell.strip())
                  : Esc.md(cell);
          m.append(' ').append(section ? "**" + text + "**" : text).append(" |");
        }
        m.append('\n');
      }
      m.append('\n');
      for (String n : t.notes()) {
        m.append(Esc.md(n)).append("  \n");
      }
      m.append('\n');
    }
    m.append("## Figures\n\n");
    for (Drawing d : c.figures()) {
      m.append("![").append(Esc.md(d.title())).append("](").append(d.name()).append(".svg)\n\n");
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
}
