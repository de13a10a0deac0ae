package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A figure as a list of simple shapes in points (1/72 inch) at its printed size, origin top left,
 * rendered both to SVG and to PNG so the two always show the same thing. The title and notes are
 * the figure's legend, printed beside the figure by each format (journals set legends as text, not
 * inside the image).
 */
public final class Drawing {
  /** Single-column width of most journals: 90 mm, in points. */
  public static final double SINGLE_COLUMN = 90 / 25.4 * 72;

  /** Smallest font size used: 7 pt at printed size. */
  public static final double SMALL = 7;

  /** Axis titles and headings: 8 pt. */
  public static final double NORMAL = 8;

  public enum Anchor {
    START,
    MIDDLE,
    END
  }

  public sealed interface Shape permits Line, Poly, Rect, Text {}

  /** A line; {@code dash} is the dash and gap length (0 for solid). */
  public record Line(
      double x1, double y1, double x2, double y2, String color, double width, double dash)
      implements Shape {}

  /**
   * A polyline, or a closed polygon filled with {@code fill} at {@code opacity} when {@code
   * closed}.
   */
  public record Poly(
      double[] xy,
      String stroke,
      String fill,
      double opacity,
      double width,
      double dash,
      boolean closed)
      implements Shape {}

  public record Rect(
      double x, double y, double w, double h, String stroke, String fill, double width)
      implements Shape {}

  /** Text; {@code rotated} turns it 90 degrees anticlockwise about (x, y) (a y-axis title). */
  public record Text(
      double x,
      double y,
      String text,
      double size,
      Anchor anchor,
      boolean bold,
      boolean italic,
      boolean rotated,
      String color)
      implements Shape {}

  private final String key;
  private final int number;
  private final String title;
  private final double width;
  private final double height;
  private final List<String> notes;
  private final List<Shape> shapes = new ArrayList<>();

  public Drawing(
      String key, int number, String title, double width, double height, List<String> notes) {
    this.key = key;
    this.number = number;
    this.title = title;
    this.width = width;
    this.height = height;
    this.notes = List.copyOf(notes);
  }

  /** File-name stem, e.g. "figure-2-km". */
  public String name() {
    return "figure-" + number + "-" + key;
  }

  public String key() {
    return key;
  }

  public int number() {
    return number;
  }

  /** "Figure 2. Kaplan-Meier ...". */
  public String caption() {
    return "Figure " + number + ". " + title;
  }

  /** Width in points. */
  public double width() {
    return width;
  }

  /** Height in points. */
  public double height() {
    return height;
  }

  /** The legend's sentences after the caption. */
  public List<String> notes() {
    return notes;
  }

  public List<Shape> shapes() {
    return List.copyOf(shapes);
  }

  public Drawing add(Shape s) {
    shapes.add(s);
    return this;
  }

  public Drawing line(double x1, double y1, double x2, double y2, String color, double w) {
    return add(new Line(x1, y1, x2, y2, color, w, 0));
  }

  public Drawing text(double x, double y, String s, double size, Anchor anchor) {
    return add(new Text(x, y, s, size, anchor, false, false, false, Palette.INK));
  }

  public Drawing text(double x, double y, String s, double size, Anchor anchor, String color) {
    return add(new Text(x, y, s, size, anchor, false, false, false, color));
  }

  public Drawing bold(double x, double y, String s, double size, Anchor anchor) {
    return add(new Text(x, y, s, size, anchor, true, false, false, Palette.INK));
  }

  /**
   * An estimate of the printed width of {@code s} in DejaVu Sans at {@code size} points, from the
   * font's advance widths by kind of character; used to lay out, never to draw, so layout is the
   * same on every machine.
   */
  public static double textWidth(String s, double size) {
    double em = 0;
    for (char c : s.toCharArray()) {
      if (Character.isDigit(c)) {
        em += 0.636;
      } else if (c == ' ' || c == '.' || c == ',' || c == ':' || c == ';' || c == '\'') {
        em += 0.318;
      } else if ("ijlft()[]|!".indexOf(c) >= 0) {
        em += 0.35;
      } else if (c == 'm' || c == 'w' || c == 'M' || c == 'W') {
        em += 0.95;
      } else if (Character.isUpperCase(c)) {
        em += 0.72;
      } else {
        em += 0.61;
      }
    }
    return em * size;
  }
}
