package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A figure as a list of simple shapes in pixel coordinates (origin top left), rendered both to SVG
 * and to PNG so the two always show the same thing.
 */
public final class Drawing {
  public enum Anchor {
    START,
    MIDDLE,
    END
  }

  public sealed interface Shape permits Line, Poly, Rect, Text {}

  public record Line(
      double x1, double y1, double x2, double y2, String color, double width, boolean dashed)
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
      boolean dashed,
      boolean closed)
      implements Shape {}

  public record Rect(
      double x, double y, double w, double h, String stroke, String fill, double width)
      implements Shape {}

  public record Text(
      double x,
      double y,
      String text,
      double size,
      Anchor anchor,
      boolean bold,
      boolean italic,
      String color)
      implements Shape {}

  private final String name;
  private final String title;
  private final int width;
  private final int height;
  private final List<Shape> shapes = new ArrayList<>();

  public Drawing(String name, String title, int width, int height) {
    this.name = name;
    this.title = title;
    this.width = width;
    this.height = height;
  }

  /** File-name stem, e.g. "figure-1-km". */
  public String name() {
    return name;
  }

  public String title() {
    return title;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public List<Shape> shapes() {
    return List.copyOf(shapes);
  }

  public Drawing add(Shape s) {
    shapes.add(s);
    return this;
  }

  public Drawing line(double x1, double y1, double x2, double y2, String color, double w) {
    return add(new Line(x1, y1, x2, y2, color, w, false));
  }

  public Drawing text(double x, double y, String s, double size, Anchor anchor) {
    return add(new Text(x, y, s, size, anchor, false, false, "#000000"));
  }

  public Drawing bold(double x, double y, String s, double size, Anchor anchor) {
    return add(new Text(x, y, s, size, anchor, true, false, "#000000"));
  }
}
