package org.odtrial.report.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Renders a {@link Drawing} with Java2D at {@value #DPI} dots per inch of its printed size (what
 * journals ask of line art and text), the resolution recorded in the PNG (pHYs). Deterministic:
 * fixed font family ("DejaVu Sans", falling back to the logical SansSerif font when absent), fixed
 * hints, and a PNG writer of its own that writes no time or text chunk.
 */
public final class Png {
  public static final int DPI = 600;
  private static final double SCALE = DPI / 72.0;
  private static final String FAMILY = fontFamily();

  private Png() {}

  private static String fontFamily() {
    System.setProperty("java.awt.headless", "true");
    boolean dejavu =
        Arrays.asList(
                java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment()
                    .getAvailableFontFamilyNames(Locale.ROOT))
            .contains("DejaVu Sans");
    return dejavu ? "DejaVu Sans" : Font.SANS_SERIF;
  }

  /** Pixel width of the PNG of {@code d}. */
  public static int pixels(double points) {
    return (int) Math.ceil(points * SCALE);
  }

  public static byte[] render(Drawing d) {
    BufferedImage img =
        new BufferedImage(pixels(d.width()), pixels(d.height()), BufferedImage.TYPE_INT_RGB);
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
    return encode(img);
  }

  /**
   * PNG bytes of an RGB image ({@link BufferedImage#TYPE_INT_RGB}, as {@link #render} makes),
   * written here rather than by ImageIO, whose writer takes most of a report's time at 600 dpi:
   * 8-bit RGB, each row filtered by "Up" (the figures are mostly white space, which that makes runs
   * of zeros), fast deflate, and the resolution in a pHYs chunk so Word and journals see 600 dpi.
   * No time or text chunk, so the bytes depend on the pixels only.
   */
  static byte[] encode(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    int perMetre = (int) Math.round(DPI / 0.0254);
    chunk(
        out,
        "pHYs",
        ByteBuffer.allocate(9).putInt(perMetre).putInt(perMetre).put((byte) 1).array());
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    // the pixels straight from the image's own int array (0xRRGGBB, one row after another), not
    // through getRGB, whose per-pixel colour-model calls took most of the report's PNG time; each
    // byte of an "Up" row is this pixel's channel minus the one above, mod 256
    int[] pixels = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
      byte[] line = new byte[1 + 3 * w];
      line[0] = 2; // filter: Up
      for (int y = 0, p = 0; y < h; y++, p += w) {
        if (y > 0 && Arrays.equals(pixels, p, p + w, pixels, p - w, p)) {
          Arrays.fill(line, 1, line.length, (byte) 0); // the row repeats the one above
        } else {
          for (int x = 0, i = 1; x < w; x++, i += 3) {
            int c = pixels[p + x];
            int u = y == 0 ? 0 : pixels[p - w + x];
            line[i] = (byte) ((c >> 16) - (u >> 16));
            line[i + 1] = (byte) ((c >> 8) - (u >> 8));
            line[i + 2] = (byte) (c - u);
          }
        }
        z.write(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deflater.end();
    }
    chunk(out, "IDAT", idat.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static void draw(Graphics2D g, Drawing.Shape shape) {
    if (shape instanceof Drawing.Line l) {
      g.setColor(Color.decode(l.color()));
      g.setStroke(stroke(l.width(), l.dash()));
      g.draw(new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
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
        g.setStroke(stroke(p.width(), p.dash()));
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
        g.setStroke(stroke(r.width(), 0));
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
      double dx =
          switch (t.anchor()) {
            case START -> 0;
            case MIDDLE -> -w / 2;
            case END -> -w;
          };
      AffineTransform saved = g.getTransform();
      g.translate(t.x(), t.y());
      if (t.rotated()) {
        g.rotate(-Math.PI / 2);
      }
      g.drawString(t.text(), (float) dx, 0f);
      g.setTransform(saved);
    }
  }

  private static BasicStroke stroke(double width, double dash) {
    return dash > 0
        ? new BasicStroke(
            (float) width,
            BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER,
            10f,
            new float[] {(float) dash, (float) (dash * 2 / 3)},
            0f)
        : new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
  }
}
