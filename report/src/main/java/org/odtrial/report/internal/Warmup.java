package org.odtrial.report.internal;

import java.util.List;
import org.odtrial.report.Blinding;
import org.odtrial.report.Provenance;

/**
 * A tiny report (one table, one figure with text), rendered in memory in every format and thrown
 * away, on a daemon thread of its own: the first report a JVM writes otherwise pays on its critical
 * path for loading the fonts, Java2D's rasteriser and POI's Word schema classes and for compiling
 * their code (at 200,000 participants about 1 s of the report's 3-5 s). Started while the analysis
 * is still reading the store, it uses what that leaves of the processors. Nothing it does is
 * visible: no file, no shared state beyond the JVM's loaded and compiled classes.
 */
public final class Warmup {
  private Warmup() {}

  /** Starts the warm-up; returns at once. */
  public static Thread start() {
    Thread t = new Thread(Warmup::run, "odtrial-report-warmup");
    t.setDaemon(true); // never keeps the process alive
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return t;
  }

  /** Renders the tiny report; a failure only costs the time it would have saved. */
  static void run() {
    try {
      render();
    } catch (RuntimeException e) {
      // the real report meets the same problem and reports it
    }
  }

  /** The tiny report's bytes in every format, concatenated (for the test). */
  static int render() {
    Drawing d =
        new Drawing("warmup", 1, "Warm-up", 40, 30, List.of("Note."))
            .line(2, 2, 38, 28, Palette.INK, 0.5)
            .add(new Drawing.Rect(1, 1, 10, 8, Palette.INK, Palette.BOX_FILL, 0.5))
            .add(
                new Drawing.Poly(
                    new double[] {2, 20, 10, 20, 10, 26, 2, 26},
                    Palette.ARMS[1],
                    Palette.ARMS[0],
                    0.2,
                    0.5,
                    Palette.DASH[1],
                    true))
            .text(4, 12, "Warm-up 0.5 (95% CI)", Drawing.SMALL, Drawing.Anchor.START)
            .bold(20, 24, "Arm A", Drawing.NORMAL, Drawing.Anchor.MIDDLE);
    Table t =
        Table.of(
            "warmup",
            1,
            "Warm-up",
            "",
            List.of(Column.of("Arm A"), Column.words("Note")),
            List.of(
                Row.heading("Heading", 2),
                Row.of(
                        "Row",
                        List.of(Cell.of("1.0", "value", 1.0), Cell.of("text", "note", "text")))
                    .withNote("A footnote.")),
            List.of("A note."));
    Content c =
        new Content(
            "Warm-up",
            List.of(t),
            List.of(d),
            List.of(),
            new Provenance(1, "0".repeat(64), "warm-up", "0".repeat(64), "0"),
            Blinding.none());
    byte[] png = Png.render(d);
    int n = png.length;
    n += Svg.document(d, c.provenance()).length();
    n += CsvFormat.table(t).length();
    n += HtmlFormat.render(c).length();
    n += MarkdownFormat.render(c).length();
    n += LatexFormat.render(c).length();
    n += DocxFormat.render(c, name -> png).length;
    return n;
  }
}
