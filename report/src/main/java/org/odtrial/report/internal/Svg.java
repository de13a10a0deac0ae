package org.odtrial.report.internal;

import java.util.Locale;
import org.odtrial.report.Provenance;

/**
 * Writes a {@link Drawing} as SVG 1.1 text at its printed size (width and height in points), with
 * the provenance in its metadata.
 */
public final class Svg {
  private static final String FONT = "'DejaVu Sans', Arial, sans-serif";

  private Svg() {}

  /** A standalone SVG file. */
  public static String document(Drawing d, Provenance p) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(d, p, true);
  }

  /**
   * The svg element; {@code namespace} false for inline use in HTML, where the element needs no
   * namespace declaration (so the page contains no URL at all).
   */
  public static String element(Drawing d, Provenance p, boolean namespace) {
    StringBuilder s = new StringBuilder();
    s.append("<svg ");
    if (namespace) {
      s.append("xmlns=\"http://www.w3.org/2000/svg\" ");
    }
    s.append(
        String.format(
            Locale.ROOT,
            "width=\"%spt\" height=\"%spt\" viewBox=\"0 0 %s %s\" role=\"img\""
                + " font-family=\"%s\">\n",
            n(d.width()),
            n(d.height()),
            n(d.width()),
            n(d.height()),
            FONT));
    s.append("<title>").append(Esc.xml(d.caption())).append("</title>\n");
    s.append("<metadata>").append(Esc.xml(ProvenanceText.line(p))).append("</metadata>\n");
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"0\" y=\"0\" width=\"%s\" height=\"%s\" fill=\"#ffffff\"/>\n",
            n(d.width()),
            n(d.height())));
    for (Drawing.Shape shape : d.shapes()) {
      s.append(shape(shape)).append('\n');
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static String shape(Drawing.Shape shape) {
    if (shape instanceof Drawing.Line l) {
      return "<line x1=\""
          + n(l.x1())
          + "\" y1=\""
          + n(l.y1())
          + "\" x2=\""
          + n(l.x2())
          + "\" y2=\""
          + n(l.y2())
          + "\" stroke=\""
          + l.color()
          + "\" stroke-width=\""
          + n(l.width())
          + "\""
          + dash(l.dash())
          + "/>";
    }
    if (shape instanceof Drawing.Poly p) {
      StringBuilder pts = new StringBuilder();
      double[] xy = p.xy();
      for (int i = 0; i < xy.length; i += 2) {
        if (i > 0) {
          pts.append(' ');
        }
        pts.append(n(xy[i])).append(',').append(n(xy[i + 1]));
      }
      String fill =
          p.closed() && p.fill() != null
              ? "fill=\"" + p.fill() + "\" fill-opacity=\"" + n(p.opacity()) + "\""
              : "fill=\"none\"";
      String stroke =
          p.stroke() == null
              ? "stroke=\"none\""
              : "stroke=\""
                  + p.stroke()
                  + "\" stroke-width=\""
                  + n(p.width())
                  + "\" stroke-linejoin=\"miter\""
                  + dash(p.dash());
      return "<"
          + (p.closed() ? "polygon" : "polyline")
          + " points=\""
          + pts
          + "\" "
          + fill
          + " "
          + stroke
          + "/>";
    }
    if (shape instanceof Drawing.Rect r) {
      return "<rect x=\""
          + n(r.x())
          + "\" y=\""
          + n(r.y())
          + "\" width=\""
          + n(r.w())
          + "\" height=\""
          + n(r.h())
          + "\" fill=\""
          + (r.fill() == null ? "none" : r.fill())
          + "\" stroke=\""
          + (r.stroke() == null ? "none" : r.stroke())
          + "\" stroke-width=\""
          + n(r.width())
          + "\"/>";
    }
    Drawing.Text t = (Drawing.Text) shape;
    String anchor =
        switch (t.anchor()) {
          case START -> "start";
          case MIDDLE -> "middle";
          case END -> "end";
        };
    return "<text x=\""
        + n(t.x())
        + "\" y=\""
        + n(t.y())
        + "\" font-size=\""
        + n(t.size())
        + "\" text-anchor=\""
        + anchor
        + "\" fill=\""
        + t.color()
        + "\""
        + (t.bold() ? " font-weight=\"bold\"" : "")
        + (t.italic() ? " font-style=\"italic\"" : "")
        + (t.rotated() ? " transform=\"rotate(-90 " + n(t.x()) + " " + n(t.y()) + ")\"" : "")
        + ">"
        + Esc.xml(t.text())
        + "</text>";
  }

  private static String dash(double dash) {
    return dash > 0 ? " stroke-dasharray=\"" + n(dash) + " " + n(dash * 2 / 3) + "\"" : "";
  }

  /** Coordinates with two decimals, trailing zeros dropped. */
  static String n(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    return s.equals("-0") ? "0" : s;
  }
}
