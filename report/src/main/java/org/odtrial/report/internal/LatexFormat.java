package org.odtrial.report.internal;

import java.util.List;

/** report.tex: a standalone article with booktabs tables and the PNG figures written beside it. */
public final class LatexFormat {
  private LatexFormat() {}

  public static String render(Content c) {
    StringBuilder t = new StringBuilder();
    t.append("\\documentclass[a4paper,10pt]{article}\n");
    t.append(
        "\\usepackage[T1]{fontenc}\n"
            + "\\usepackage[utf8]{inputenc}\n"
            + "\\usepackage[margin=2cm]{geometry}\n");
    t.append(
        "\\usepackage{booktabs}\n"
            + "\\usepackage{graphicx}\n"
            + "\\usepackage{float}\n"
            + "\\usepackage{caption}\n");
    t.append("\\title{")
        .append(Esc.tex(c.title()))
        .append("}\n\\date{}\n\\begin{document}\n\\maketitle\n\n");
    t.append("\\noindent ")
        .append(Esc.tex(c.blindingNote()))
        .append("\n\n\\paragraph{Provenance}\n\\begin{itemize}\n");
    for (String[] kv : ProvenanceText.pairs(c.provenance())) {
      t.append("\\item ")
          .append(Esc.tex(kv[0]))
          .append(": \\texttt{")
          .append(Esc.tex(kv[1]))
          .append("}\n");
    }
    t.append("\\end{itemize}\n\n");
    for (Table tab : c.tables()) {
      table(t, tab);
    }
    for (Drawing d : c.figures()) {
      t.append(
              "\\begin{figure}[H]\n"
                  + "\\centering\n"
                  + "\\includegraphics[width=\\textwidth,height=0.85\\textheight,keepaspectratio]{")
          .append(d.name())
          .append(".png}\n\\caption*{")
          .append(Esc.tex(d.title()))
          .append("}\n\\end{figure}\n\n");
    }
    if (!c.warnings().isEmpty()) {
      t.append("\\section*{Analysis warnings}\n\\begin{itemize}\n");
      for (String w : c.warnings()) {
        t.append("\\item ").append(Esc.tex(w)).append('\n');
      }
      t.append("\\end{itemize}\n");
    }
    t.append("\\end{document}\n");
    return t.toString();
  }

  private static void table(StringBuilder t, Table tab) {
    int n = tab.header().size();
    t.append("\\begin{table}[H]\n\\centering\n\\caption*{")
        .append(Esc.tex(tab.title()))
        .append("}\n\\small\n");
    // tables wider than the text (estimated from the longest cell of each column) are scaled down
    // to fit
    boolean wide = estimatedWidth(tab) > 95;
    if (wide) {
      t.append("\\resizebox{\\textwidth}{!}{%\n");
    }
    t.append("\\begin{tabular}{l").append("r".repeat(n - 1)).append("}\n\\toprule\n");
    t.append(cells(tab.header(), true)).append(" \\\\\n\\midrule\n");
    for (List<String> r : tab.rows()) {
      if (tab.isSection(r)) {
        t.append("\\multicolumn{")
            .append(n)
            .append("}{l}{\\textbf{")
            .append(Esc.tex(r.get(0).strip()))
            .append("}} \\\\\n");
      } else {
        t.append(cells(r, false)).append(" \\\\\n");
      }
    }
    t.append("\\bottomrule\n\\end{tabular}");
    if (wide) {
      t.append("}");
    }
    t.append("\n");
    if (!tab.notes().isEmpty()) {
      t.append("\n\\vspace{0.5ex}\n\\begin{minipage}{\\textwidth}\\footnotesize\n");
      for (String note : tab.notes()) {
        t.append(Esc.tex(note)).append("\\\\\n");
      }
      t.append("\\end{minipage}\n");
    }
    t.append("\\end{table}\n\n");
  }

  /** Sum over columns of the longest cell, in characters. */
  private static int estimatedWidth(Table tab) {
    int total = 0;
    for (int j = 0; j < tab.header().size(); j++) {
      int max = tab.header().get(j).length();
      for (List<String> r : tab.rows()) {
        if (!tab.isSection(r)) {
          max = Math.max(max, r.get(j).length());
        }
      }
      total += max + 2;
    }
    return total;
  }

  private static String cells(List<String> r, boolean header) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < r.size(); i++) {
      if (i > 0) {
        b.append(" & ");
      }
      String cell = r.get(i);
      if (i == 0 && !header) {
        int indent = cell.length() - cell.stripLeading().length();
        b.append(indent > 0 ? "\\quad " : "").append(Esc.tex(cell.strip()));
      } else {
        b.append(Esc.tex(cell));
      }
    }
    return b.toString();
  }
}
