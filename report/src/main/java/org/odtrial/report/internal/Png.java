package org.odtrial.report.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Renders a {@link Drawing} with Java2D at a fixed scale. Deterministic: fixed font family ("DejaVu
 * Sans", falling back to the logical SansSerif font when absent), fixed hints, and ImageIO's PNG
 * writer, which writes no time chunk.
 */
public final class Png {
  public static final int SCALE = 2;
  private static final String FAMILY = fontFamily();

  private Png() {}

  private static String fontFamily() {
    System.setProperty("java.awt.headless", "true");
    boolean dejavu =
        Arrays.asList(
                java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment()
                    .getAvailableFontFamilyNames(java.util.Locale.ROOT))
            .contains("DejaVu Sans");
    return dejavu ? "DejaVu Sans" : Font.SANS_SERIF;
  }

  public static byte[] render(Drawing d) {
    BufferedImage img =
        new BufferedImage(d.width() * SCALE, d.height() * SCALE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.scale(SCALE, SCALE);
      for (Drawing.Shape s : d.shapes()) {
        draw(g, s);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void draw(Graphics2D g, Drawing.Shape shape) {
    if (shape instanceof Drawing.Line l) {
      g.setColor(Color.decode(l.color()));
      g.setStroke(stroke(l.width(), l.dashed()));
      g.draw(new java.awt.geom.Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
    } else if (shape instanceof Drawing.Poly p) {
      double[] xy = p.xy();
      Path2D.Double path = new Path2D.Double();
      path.moveTo(xy[0], xy[1]);
      for (int i = 2; i < xy.length; i += 2) {
        path.lineTo(xy[i], xy[i + 1]);
      }
      if (p.closed()) {
        path.closePath();
        if (p.fill() != null) {
          Color c = Color.decode(p.fill());
          g.setColor(
              new Color(
                  c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * p.opacity())));
          g.fill(path);
        }
      }
      if (p.stroke() != null) {
        g.setColor(Color.decode(p.stroke()));
        g.setStroke(stroke(p.width(), p.dashed()));
        g.draw(path);
      }
    } else if (shape instanceof Drawing.Rect r) {
      Rectangle2D.Double rect = new Rectangle2D.Double(r.x(), r.y(), r.w(), r.h());
      if (r.fill() != null) {
        g.setColor(Color.decode(r.fill()));
        g.fill(rect);
      }
      if (r.stroke() != null) {
        g.setColor(Color.decode(r.stroke()));
        g.setStroke(stroke(r.width(), false));
        g.draw(rect);
      }
    } else {
      Drawing.Text t = (Drawing.Text) shape;
      int style = (t.bold() ? Font.BOLD : 0) | (t.italic() ? Font.ITALIC : 0);
      Font f = new Font(FAMILY, style, 1).deriveFont((float) t.size());
      g.setFont(f);
      g.setColor(Color.decode(t.color()));
      FontMetrics fm = g.getFontMetrics();
      double w = fm.getStringBounds(t.text(), g).getWidth();
      double x =
          switch (t.anchor()) {
            case START -> t.x();
            case MIDDLE -> t.x() - w / 2;
            case END -> t.x() - w;
          };
      g.drawString(t.text(), (float) x, (float) t.y());
    }
  }

  private static BasicStroke stroke(double width, boolean dashed) {
    return dashed
        ? new BasicStroke(
            (float) width,
            BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER,
            10f,
            new float[] {6f, 4f},
            0f)
        : new BasicStroke((float) width);
  }
}
