package org.odtrial.analysis.simulate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal dot plot as inline SVG: one line per results row, a dot at its share with a 95%
 * Monte Carlo interval, against a nominal level drawn as a line inside the band that Monte Carlo
 * error alone would give. Pure text, no fonts embedded, nothing fetched.
 */
public final class DotPlot {
  private static final int ROW = 20;
  private static final int TOP = 46;
  private static final int BOTTOM = 44;
  private static final int PLOT_WIDTH = 520;
  private static final int RIGHT = 24;
  private static final double CHAR = 6.6;

  /**
   * One dot.
   *
   * @param label the row
   * @param value the share
   * @param low lower end of its Monte Carlo interval
   * @param high upper end
   * @param hollow drawn as a ring (a different kind of rate in the same plot)
   * @param outside whether it lies outside the band (drawn in the warning colour)
   */
  public record Dot(
      String label, double value, double low, double high, boolean hollow, boolean outside) {

    /** A share with its 95% Monte Carlo interval, share -/+ 1.96 MCSE. */
    public static Dot share(
        String label, double share, double mcse, boolean hollow, boolean outside) {
      double m = Z * mcse;
      return new Dot(label, share, share - m, share + m, hollow, outside);
    }
  }

  /** The standard normal quantile of 0.975. */
  public static final double Z = 1.959963984540054;

  private final String title;
  private final String axis;
  private final double from;
  private final double to;
  private final double nominal;
  private final double bandLow;
  private final double bandHigh;
  private final List<Dot> dots = new ArrayList<>();

  /**
   * @param title drawn above the plot
   * @param axis label of the x axis
   * @param from left end of the axis
   * @param to right end
   * @param nominal the nominal level (a vertical line)
   * @param bandLow lower end of the band around it
   * @param bandHigh upper end
   */
  public DotPlot(
      String title,
      String axis,
      double from,
      double to,
      double nominal,
      double bandLow,
      double bandHigh) {
    this.title = title;
    this.axis = axis;
    this.from = from;
    this.to = to;
    this.nominal = nominal;
    this.bandLow = bandLow;
    this.bandHigh = bandHigh;
  }

  public DotPlot add(Dot d) {
    dots.add(d);
    return this;
  }

  public boolean isEmpty() {
    return dots.isEmpty();
  }

  public String svg() {
    int labelWidth = 40;
    for (Dot d : dots) {
      labelWidth = Math.max(labelWidth, (int) Math.ceil(d.label().length() * CHAR) + 12);
    }
    int left = labelWidth;
    int width = left + PLOT_WIDTH + RIGHT;
    int height = TOP + Math.max(1, dots.size()) * ROW + BOTTOM;
    int plotBottom = TOP + dots.size() * ROW;
    StringBuilder b = new StringBuilder();
    b.append(
        f(
            "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" role=\"img\" aria-label=\"%s\" font-family=\"DejaVu Sans, Arial,"
                + " sans-serif\" font-size=\"11\">\n",
            width, height, width, height, Html.esc(title)));
    b.append(
        f(
            "<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>\n",
            4, Html.esc(title)));
    // band and nominal line
    b.append(
        f(
            "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#dfe9f5\"/>\n",
            x(Math.max(from, bandLow), left),
            TOP - 6,
            x(Math.min(to, bandHigh), left) - x(Math.max(from, bandLow), left),
            plotBottom - TOP + 6));
    // grid and ticks
    for (double t : ticks()) {
      double xt = x(t, left);
      b.append(
          f(
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e4e4e4\"/>\n",
              xt, TOP - 6, xt, plotBottom));
      b.append(
          f(
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
              xt, plotBottom + 16, tickLabel(t)));
    }
    b.append(
        f(
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>\n",
            left, plotBottom, left + PLOT_WIDTH, plotBottom));
    double xn = x(nominal, left);
    b.append(
        f(
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#1f4e8c\""
                + " stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n",
            xn, TOP - 10, xn, plotBottom));
    b.append(
        f(
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#1f4e8c\">nominal %s</text>\n",
            xn, TOP - 14, tickLabel(nominal)));
    b.append(
        f(
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
            left + PLOT_WIDTH / 2.0, plotBottom + 34, Html.esc(axis)));
    for (int i = 0; i < dots.size(); i++) {
      Dot d = dots.get(i);
      double y = TOP + i * ROW + ROW / 2.0;
      String colour = d.outside() ? "#b3261e" : "#222";
      b.append(
          f(
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\""
                  + " dominant-baseline=\"middle\">%s</text>\n",
              left - 8, y, Html.esc(d.label())));
      double lo = x(clamp(d.low()), left);
      double hi = x(clamp(d.high()), left);
      b.append(
          f(
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                  + " stroke-width=\"1.5\"/>\n",
              lo, y, hi, y, colour));
      b.append(
          f(
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"%s\""
                  + " stroke-width=\"1.5\"><title>%s: %s (%s to %s)</title></circle>\n",
              x(clamp(d.value()), left),
              y,
              d.hollow() ? "#fff" : colour,
              colour,
              Html.esc(d.label()),
              share(d.value()),
              share(d.low()),
              share(d.high())));
    }
    b.append("</svg>\n");
    return b.toString();
  }

  private double clamp(double v) {
    return Math.max(from, Math.min(to, v));
  }

  private double x(double v, int left) {
    return left + (v - from) / (to - from) * PLOT_WIDTH;
  }

  /** Ticks at a step that gives 5 to 10 of them. */
  private List<Double> ticks() {
    double span = to - from;
    double step = 0.01;
    for (double s : new double[] {0.01, 0.02, 0.05, 0.1, 0.2, 0.25}) {
      step = s;
      if (span / s <= 10) {
        break;
      }
    }
    List<Double> out = new ArrayList<>();
    long first = (long) Math.ceil(from / step - 1e-9);
    for (long k = first; k * step <= to + 1e-9; k++) {
      out.add(k * step);
    }
    return out;
  }

  private static String tickLabel(double v) {
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3f", v))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String share(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
