package org.odtrial.report.internal;

import java.util.List;
import java.util.Locale;

/**
 * report.tex: a standalone article for pdflatex with the packages of a minimal TeX installation
 * (Debian's texlive-latex-base and texlive-latex-recommended): booktabs rules, longtable tables
 * that break across pages with the header row repeated, the PNG figures beside it at their printed
 * size.
 */
public final class LatexFormat {
  /** Text width in points: A4 (595 pt) less two 2 cm margins. */
  static final double TEXT_WIDTH = 595 - 2 * 2 / 2.54 * 72;

  /** Text width of a landscape A4 page (842 pt) with the same margins. */
  static final double LANDSCAPE_WIDTH = 842 - 2 * 2 / 2.54 * 72;

  /** A header at most this wide (points) never wraps. */
  private static final double SHORT_HEADER = 36;

  /** \tabcolsep of a table too wide at LaTeX's default of 6 pt. */
  private static final double NARROW_SEP = 4;

  /**
   * Computer Modern is narrower than DejaVu Sans, whose widths {@link Drawing#textWidth} estimates:
   * about 0.85 of them for the report's text (measured on the example report's tables).
   */
  private static final double CM = 0.85;

  private LatexFormat() {}

  public static String render(Content c) {
    StringBuilder t = new StringBuilder();
    t.append("\\documentclass[a4paper,10pt]{article}\n");
    t.append("\\usepackage[margin=2cm]{geometry}\n");
    t.append("\\usepackage{graphicx}\n\\usepackage{array}\n\\usepackage{longtable}\n");
    t.append("\\usepackage{booktabs}\n\\usepackage{pdflscape}\n");
    t.append("\\usepackage[font=small,labelformat=empty,justification=raggedright,");
    t.append("singlelinecheck=false]{caption}\n");
    t.append("\\setlength{\\LTcapwidth}{\\textwidth}\n");
    // the math bullet: the default \\textbullet needs a font a minimal TeX installation lacks
    t.append("\\renewcommand{\\labelitemi}{$\\bullet$}\n");
    t.append("\\setlength{\\LTleft}{0pt}\n\\setlength{\\LTright}{0pt plus 1fill}\n");
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
    t.append("\\end{itemize}\n\n\\section*{Tables}\n\n");
    for (Table tab : c.tables()) {
      table(t, tab);
    }
    t.append("\\clearpage\n\\section*{Figures}\n\n");
    for (Drawing d : c.figures()) {
      t.append("\\begin{figure}[htbp]\n\\centering\n")
          .append(
              String.format(
                  Locale.ROOT, "\\includegraphics[width=%.1fpt]{%s.png}\n", d.width(), d.name()))
          .append("\\caption*{\\textbf{")
          .append(Esc.tex(d.caption()))
          .append(".}");
      for (String n : d.notes()) {
        t.append(' ').append(Esc.tex(n));
      }
      t.append("}\n\\end{figure}\n\n");
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

  private static String sup(Table t, List<String> notes) {
    String m = t.marks(notes);
    return m.isEmpty() ? "" : "\\textsuperscript{" + m + "}";
  }

  private static void table(StringBuilder t, Table tab) {
    int n = tab.columns().size() + 1;
    // portrait at 8 pt; a wide table at 7 pt with narrower gaps; a table whose columns cannot fit
    // a portrait page even at their longest words turns the page, at 8 pt
    double size = 8;
    double sep = 6;
    double width = TEXT_WIDTH;
    boolean landscape = false;
    if (!fits(tab, size, 2 * sep, width)) {
      size = 7;
      sep = NARROW_SEP;
      if (!fits(tab, size, 2 * sep, width)) {
        size = 8;
        sep = 6;
        width = LANDSCAPE_WIDTH;
        landscape = true;
      }
    }
    double[] widths = widths(tab, size, CM, 2 * sep, width);
    double total = 2 * sep * (n - 1);
    for (double w : widths) {
      total += w;
    }
    if (landscape) {
      t.append("\\begin{landscape}\n");
    }
    t.append("{").append(size < 8 ? "\\scriptsize" : "\\footnotesize").append("\n");
    t.append(String.format(Locale.ROOT, "\\setlength{\\tabcolsep}{%.0fpt}\n", sep));
    t.append("\\setlength{\\LTcapwidth}{\\linewidth}\n");
    t.append("\\begin{longtable}{@{}");
    for (int j = 0; j < n; j++) {
      t.append(
          String.format(
              Locale.ROOT,
              j == 0 || tab.columns().get(j - 1).words()
                  ? ">{\\raggedright\\arraybackslash}p{%.1fpt}"
                  : ">{\\raggedleft\\arraybackslash}p{%.1fpt}",
              widths[j]));
    }
    t.append("@{}}\n");
    t.append("\\caption*{\\textbf{").append(Esc.tex(tab.caption())).append("}}\\\\\n");
    String header = cells(tab.headerTexts());
    String span = String.format(Locale.ROOT, "\\multicolumn{%d}{@{}p{%.1fpt}@{}}", n, total);
    t.append("\\toprule\n").append(header).append(" \\\\\n\\midrule\n\\endfirsthead\n");
    t.append(span)
        .append("{\\textit{")
        .append(Esc.tex(tab.caption()))
        .append(" (continued)}}\\\\\n");
    t.append("\\toprule\n").append(header).append(" \\\\\n\\midrule\n\\endhead\n");
    t.append("\\bottomrule\n\\endlastfoot\n");
    for (Row r : tab.rows()) {
      if (r.heading()) {
        t.append(span)
            .append("{\\raggedright\\textit{")
            .append(Esc.tex(r.label()))
            .append("}")
            .append(sup(tab, r.notes()))
            .append("} \\\\\n");
        continue;
      }
      StringBuilder row = new StringBuilder();
      // an indented label stays indented on every line it wraps to
      row.append(
              r.indent() > 0
                  ? String.format(Locale.ROOT, "\\setlength{\\leftskip}{%dem}", r.indent())
                  : "")
          .append(Esc.tex(r.label()))
          .append(sup(tab, r.notes()));
      for (Cell c : r.cells()) {
        row.append(" & ").append(Esc.tex(c.text())).append(sup(tab, c.notes()));
      }
      t.append(row).append(" \\\\\n");
    }
    t.append("\\end{longtable}\n");
    for (Note note : tab.notes()) {
      t.append("\\noindent ")
          .append(note.marker().isEmpty() ? "" : "\\textsuperscript{" + note.marker() + "}~")
          .append(Esc.tex(note.text()))
          .append("\\par\n");
    }
    t.append("}\n");
    t.append(landscape ? "\\end{landscape}\n\n" : "\\bigskip\n\n");
  }

  private static String cells(List<String> texts) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) {
      if (i > 0) {
        b.append(" & ");
      }
      b.append(Esc.tex(texts.get(i)));
    }
    return b.toString();
  }

  /**
   * Column widths in points that fill at most the text width: each column as wide as its widest
   * cell (headers may wrap between words); when they do not fit, the label column wraps first, then
   * all shrink in proportion, but never narrower than the column's longest word. Cell widths are
   * estimates scaled by {@code font} (the font's width relative to DejaVu Sans); the longest word
   * is not scaled, so that a word always fits its column.
   */
  static double[] widths(Table tab, double size, double font, double columnSep, double textWidth) {
    int n = tab.columns().size() + 1;
    double[] natural = new double[n];
    double[] word = new double[n];
    List<String> header = tab.headerTexts();
    for (int j = 0; j < n; j++) {
      fit(header.get(j), size, font, j, word, natural, true);
    }
    for (Row r : tab.rows()) {
      if (r.heading()) {
        continue;
      }
      fit("MM".repeat(r.indent()) + r.label() + "ab", size, font, 0, word, natural, false);
      for (int j = 1; j < n; j++) {
        fit(r.cells().get(j - 1).text() + "ab", size, font, j, word, natural, false);
      }
    }
    double available = textWidth - columnSep * (n - 1);
    double total = 0;
    for (double w : natural) {
      total += w;
    }
    if (total <= available) {
      // room to spare: headers need not wrap where the page has room for them on one line
      double[] full = natural.clone();
      double sum = 0;
      for (int j = 0; j < n; j++) {
        full[j] = Math.max(natural[j], Drawing.textWidth(header.get(j), size) * font);
        sum += full[j];
      }
      return sum <= available ? full : natural;
    }
    // the label column wraps first, so that numbers stay on one line
    double numbers = total - natural[0];
    if (numbers + word[0] <= available) {
      double[] out = natural.clone();
      out[0] = available - numbers;
      return out;
    }
    // shrink the columns wider than their longest word, in proportion to the slack
    double floor = 0;
    double slack = 0;
    for (int j = 0; j < n; j++) {
      floor += word[j];
      slack += natural[j] - word[j];
    }
    double keep = slack <= 0 ? 0 : Math.max(0, (available - floor) / slack);
    double[] out = new double[n];
    for (int j = 0; j < n; j++) {
      out[j] = word[j] + (natural[j] - word[j]) * keep;
    }
    return out;
  }

  /** Whether the table's columns fit {@code textWidth} at their longest words. */
  static boolean fits(Table tab, double size, double columnSep, double textWidth) {
    double[] narrowest = widths(tab, size, 1, columnSep, 0);
    double sum = columnSep * (narrowest.length - 1);
    for (double w : narrowest) {
      sum += w;
    }
    return sum <= textWidth;
  }

  private static void fit(
      String text,
      double size,
      double font,
      int j,
      double[] word,
      double[] natural,
      boolean header) {
    for (String w : text.split(" ")) {
      word[j] = Math.max(word[j], Drawing.textWidth(w, size));
    }
    // a cell is kept on one line when there is room; a header too, when short ("p value")
    double full = Drawing.textWidth(text, size) * font;
    natural[j] =
        Math.max(natural[j], Math.max(word[j], header && full > SHORT_HEADER ? word[j] : full));
  }
}
