package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.odtrial.analysis.data.Participant;
import org.odtrial.report.Blinding;
import org.odtrial.report.KmCurve;
import org.odtrial.report.ReportInput;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

/** Builds the three figures as drawings: Kaplan-Meier curves, forest plot, CONSORT flow diagram. */
public final class Figures {
  /**
   * Arm colours and line styles, in display order; the second arm is also dashed so print in grey
   * works.
   */
  private static final String[] COLORS = {"#1f5f99", "#c0392b"};

  private static final String GRID = "#d9d9d9";
  private static final String INK = "#000000";

  private final ReportInput in;
  private final Blinding blinding;
  private final Lookup results;

  public Figures(ReportInput in) {
    this.in = in;
    this.blinding = in.blinding();
    this.results = new Lookup(in.results(), in.blinding());
  }

  public List<Drawing> all() {
    return List.of(km(), forest(), consort());
  }

  // ---- Kaplan-Meier
  // -----------------------------------------------------------------------------------------

  Drawing km() {
    List<String> arms = blinding.arms();
    List<KmCurve> curves = new ArrayList<>();
    for (String arm : arms) {
      in.kmCurves().stream().filter(c -> arm.equals(c.arm())).findFirst().ifPresent(curves::add);
    }
    int rowsBelow = curves.size();
    Drawing d =
        new Drawing(
            "figure-1-km",
            "Figure 1. Kaplan-Meier estimate of relapse-free survival by arm",
            720,
            400 + 22 * rowsBelow);
    double left = 120;
    double right = 690;
    double top = 40;
    double bottom = 320;
    double tMax = in.data().horizonDays();
    for (KmCurve c : curves) {
      for (double t : c.time()) {
        tMax = Math.max(tMax, t);
      }
      for (int t : c.atRiskTimes()) {
        tMax = Math.max(tMax, t);
      }
    }
    double xMax = tMax;
    DoubleUnaryOperator x = t -> left + (right - left) * t / xMax;
    DoubleUnaryOperator y = s -> bottom - (bottom - top) * s;
    d.bold(360, 22, "Relapse-free survival", 14, Drawing.Anchor.MIDDLE);
    // grid and axes
    for (int i = 0; i <= 5; i++) {
      double s = i / 5.0;
      d.line(left, y.applyAsDouble(s), right, y.applyAsDouble(s), GRID, 0.8);
      d.text(left - 8, y.applyAsDouble(s) + 4, Fmt.num(s, 1), 11, Drawing.Anchor.END);
    }
    int[] ticks = curves.isEmpty() ? defaultTicks(tMax) : curves.get(0).atRiskTimes();
    if (ticks.length == 0) {
      ticks = defaultTicks(tMax);
    }
    for (int t : ticks) {
      double px = x.applyAsDouble(t);
      d.line(px, bottom, px, bottom + 5, INK, 1);
      d.text(px, bottom + 18, Integer.toString(t), 11, Drawing.Anchor.MIDDLE);
    }
    d.line(left, bottom, right, bottom, INK, 1);
    d.line(left, top, left, bottom, INK, 1);
    d.text((left + right) / 2, bottom + 36, "Days since baseline", 12, Drawing.Anchor.MIDDLE);
    d.add(
        new Drawing.Text(
            40, (top + bottom) / 2, "S(t)", 12, Drawing.Anchor.MIDDLE, false, true, INK));
    for (int k = 0; k < curves.size(); k++) {
      KmCurve c = curves.get(k);
      String color = COLORS[k % COLORS.length];
      double[] band = band(c, x, y);
      if (band.length >= 6) {
        d.add(new Drawing.Poly(band, null, color, 0.15, 0, false, true));
      }
      d.add(
          new Drawing.Poly(steps(c.time(), c.survival(), x, y), color, null, 1, 2, k == 1, false));
      // legend
      double ly = top + 12 + 18 * k;
      d.add(new Drawing.Line(right - 150, ly - 4, right - 120, ly - 4, color, 2, k == 1));
      d.text(right - 112, ly, blinding.label(c.arm()), 12, Drawing.Anchor.START);
    }
    // numbers at risk
    double ry = bottom + 62;
    d.bold(10, ry, "Number at risk", 12, Drawing.Anchor.START);
    for (int k = 0; k < curves.size(); k++) {
      KmCurve c = curves.get(k);
      double rowY = ry + 20 + 22 * k;
      d.add(
          new Drawing.Text(
              10,
              rowY,
              blinding.label(c.arm()),
              11,
              Drawing.Anchor.START,
              false,
              false,
              COLORS[k % COLORS.length]));
      int[] times = c.atRiskTimes();
      int[] n = c.atRisk();
      for (int i = 0; i < times.length; i++) {
        d.text(x.applyAsDouble(times[i]), rowY, Integer.toString(n[i]), 11, Drawing.Anchor.MIDDLE);
      }
    }
    return d;
  }

  private static int[] defaultTicks(double tMax) {
    int step = tMax > 500 ? 180 : 90;
    List<Integer> t = new ArrayList<>();
    for (int v = 0; v <= tMax; v += step) {
      t.add(v);
    }
    return t.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The step function as a polyline starting at (0, 1). */
  private static double[] steps(
      double[] time, double[] s, DoubleUnaryOperator x, DoubleUnaryOperator y) {
    List<Double> pts = new ArrayList<>();
    double prev = 1;
    pts.add(x.applyAsDouble(0));
    pts.add(y.applyAsDouble(1));
    for (int i = 0; i < time.length; i++) {
      pts.add(x.applyAsDouble(time[i]));
      pts.add(y.applyAsDouble(prev));
      pts.add(x.applyAsDouble(time[i]));
      pts.add(y.applyAsDouble(s[i]));
      prev = s[i];
    }
    return pts.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The 95% band as a closed polygon: upper steps forward, lower steps back; undefined limits drop
   * the band there.
   */
  private static double[] band(KmCurve c, DoubleUnaryOperator x, DoubleUnaryOperator y) {
    double[] t = c.time();
    double[] lo = c.lower();
    double[] hi = c.upper();
    int n = 0;
    while (n < t.length && Double.isFinite(lo[n]) && Double.isFinite(hi[n])) {
      n++;
    }
    if (n == 0) {
      return new double[0];
    }
    double[] tt = java.util.Arrays.copyOf(t, n);
    double[] upper = steps(tt, java.util.Arrays.copyOf(hi, n), x, y);
    double[] lower = steps(tt, java.util.Arrays.copyOf(lo, n), x, y);
    double[] out = new double[upper.length + lower.length];
    System.arraycopy(upper, 0, out, 0, upper.length);
    for (int i = 0; i < lower.length; i += 2) {
      out[upper.length + i] = lower[lower.length - 2 - i];
      out[upper.length + i + 1] = lower[lower.length - 1 - i];
    }
    return out;
  }

  // ---- Forest plot
  // ------------------------------------------------------------------------------------------

  private record ForestRow(String label, Lookup.Effect effect) {}

  Drawing forest() {
    List<ForestRow> ratios = new ArrayList<>();
    ratioRow(ratios, "Relapse, hazard ratio (unadjusted)", RowId.RELAPSE_COX);
    ratioRow(ratios, "Relapse, hazard ratio (adjusted)", RowId.RELAPSE_COX_ADJUSTED);
    ratioRow(ratios, "Admissions, rate ratio", RowId.ADMISSIONS_NB);
    ratioRow(ratios, "Bed days, rate ratio", RowId.BED_DAYS_NB);
    List<ForestRow> diffs = new ArrayList<>();
    results
        .recovery()
        .forEach(
            (instrument, months) -> {
              for (int m : months) {
                RowId id = RowId.recovery(instrument, m, RecoveryAnalysis.ANCOVA);
                results
                    .one(id)
                    .ifPresent(
                        e ->
                            diffs.add(
                                new ForestRow(
                                    instrument + " month " + m + ", ANCOVA", results.effect(e))));
                results
                    .one(RowId.recovery(instrument, m, RecoveryAnalysis.LMM))
                    .ifPresent(
                        e ->
                            diffs.add(
                                new ForestRow(
                                    instrument + " month " + m + ", mixed model",
                                    results.effect(e))));
              }
            });
    int rowH = 24;
    int panel1 = 50 + rowH * ratios.size() + 40;
    int panel2 = 50 + rowH * diffs.size() + 40;
    Drawing d =
        new Drawing(
            "figure-2-forest",
            "Figure 2. Effect estimates with 95% confidence intervals ("
                + blinding.contrast()
                + ")",
            820,
            40 + panel1 + panel2 + 20);
    d.bold(410, 22, "Effect estimates, " + blinding.contrast(), 14, Drawing.Anchor.MIDDLE);
    panel(d, 40, "Ratios (log scale)", ratios, true);
    panel(d, 40 + panel1, "Mean differences", diffs, false);
    return d;
  }

  private void ratioRow(List<ForestRow> rows, String label, RowId id) {
    results.one(id).ifPresent(e -> rows.add(new ForestRow(label, results.effect(e))));
  }

  private void panel(Drawing d, double top, String title, List<ForestRow> rows, boolean log) {
    double left = 270;
    double right = 590;
    d.bold(10, top + 16, title, 12, Drawing.Anchor.START);
    d.bold(right + 20, top + 16, "Estimate (95% CI)", 11, Drawing.Anchor.START);
    if (rows.isEmpty()) {
      d.text(10, top + 40, "No estimates in the results.", 11, Drawing.Anchor.START);
      return;
    }
    double lo = log ? 1 : 0;
    double hi = lo;
    for (ForestRow r : rows) {
      Lookup.Effect e = r.effect();
      if (e.estimate() != null) {
        lo = Math.min(lo, e.low() == null ? e.estimate() : e.low());
        hi = Math.max(hi, e.high() == null ? e.estimate() : e.high());
      }
    }
    DoubleUnaryOperator scale = log ? Math::log : v -> v;
    double a = scale.applyAsDouble(lo);
    double b = scale.applyAsDouble(hi);
    double pad = (b - a) * 0.08 + (b == a ? 1 : 0);
    double min = a - pad;
    double max = b + pad;
    DoubleUnaryOperator x =
        v -> left + (right - left) * (scale.applyAsDouble(v) - min) / (max - min);
    double y0 = top + 30;
    double bottom = y0 + 24 * rows.size() + 4;
    for (double t : ticks(log, log ? Math.exp(min) : min, log ? Math.exp(max) : max)) {
      double px = x.applyAsDouble(t);
      d.line(px, bottom, px, bottom + 4, INK, 1);
      d.text(
          px,
          bottom + 16,
          log ? trim(t) : Fmt.num(t, tickDecimals(max - min)),
          10,
          Drawing.Anchor.MIDDLE);
    }
    d.line(left, bottom, right, bottom, INK, 1);
    double ref = x.applyAsDouble(log ? 1 : 0);
    d.add(new Drawing.Line(ref, y0 - 4, ref, bottom, "#7f7f7f", 1, true));
    for (int i = 0; i < rows.size(); i++) {
      ForestRow r = rows.get(i);
      double cy = y0 + 24 * i + 12;
      d.text(10, cy + 4, r.label(), 11, Drawing.Anchor.START);
      Lookup.Effect e = r.effect();
      if (e.estimate() == null) {
        d.add(
            new Drawing.Text(
                left, cy + 4, e.text(2), 10, Drawing.Anchor.START, false, true, "#555555"));
        continue;
      }
      if (e.low() != null && e.high() != null) {
        d.line(x.applyAsDouble(e.low()), cy, x.applyAsDouble(e.high()), cy, INK, 1.5);
      }
      double px = x.applyAsDouble(e.estimate());
      d.add(new Drawing.Rect(px - 4, cy - 4, 8, 8, INK, INK, 1));
      d.text(right + 20, cy + 4, e.text(2), 11, Drawing.Anchor.START);
    }
  }

  private static List<Double> ticks(boolean log, double min, double max) {
    List<Double> out = new ArrayList<>();
    if (log) {
      for (double t :
          new double[] {0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 4, 5, 10, 20, 50, 100}) {
        if (t >= min && t <= max) {
          out.add(t);
        }
      }
      return out;
    }
    double step = niceStep((max - min) / 6);
    for (double t = Math.ceil(min / step) * step; t <= max + 1e-9; t += step) {
      out.add(Math.abs(t) < step / 1e6 ? 0 : t);
    }
    return out;
  }

  private static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  }

  private static int tickDecimals(double range) {
    double step = niceStep(range / 6);
    return step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step));
  }

  private static String trim(double t) {
    String s = Fmt.num(t, 2);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  // ---- CONSORT flow diagram
  // ---------------------------------------------------------------------------------

  Drawing consort() {
    List<String> arms = blinding.arms();
    List<List<String>> boxes = new ArrayList<>();
    for (String arm : arms) {
      List<Participant> ps =
          in.data().participants().stream().filter(p -> arm.equals(p.arm())).toList();
      long clusters = in.data().clusters().stream().filter(c -> arm.equals(c.arm())).count();
      List<String> lines = new ArrayList<>();
      lines.add(blinding.label(arm));
      lines.add("Clusters randomised: " + clusters);
      lines.add("Participants recruited: " + ps.size());
      lines.add("Withdrawn: " + ps.stream().filter(Participant::withdrawn).count());
      lines.add("Died: " + ps.stream().filter(Participant::died).count());
      results
          .recovery()
          .forEach(
              (instrument, months) -> {
                for (int m : months) {
                  Optional<double[]> s = in.data().scores(instrument, m);
                  long n = 0;
                  if (s.isPresent()) {
                    List<Participant> all = in.data().participants();
                    for (int i = 0; i < all.size(); i++) {
                      if (arm.equals(all.get(i).arm()) && !Double.isNaN(s.get()[i])) {
                        n++;
                      }
                    }
                  }
                  lines.add("Followed up, " + instrument + " month " + m + ": " + n);
                }
              });
      boxes.add(lines);
    }
    List<String> analysed = new ArrayList<>();
    analysed.add("Analysed (both arms)");
    Map<String, RowId> outcomes = new LinkedHashMap<>();
    outcomes.put("Time to relapse", RowId.RELAPSE_COX);
    outcomes.put("Admissions", RowId.ADMISSIONS_NB);
    outcomes.put("Bed days", RowId.BED_DAYS_NB);
    outcomes.forEach(
        (label, id) ->
            results
                .one(id)
                .ifPresent(e -> analysed.add(label + ": n = " + (e.n() == null ? "NA" : e.n()))));
    results
        .recovery()
        .forEach(
            (instrument, months) -> {
              for (int m : months) {
                results
                    .one(RowId.recovery(instrument, m, RecoveryAnalysis.ANCOVA))
                    .ifPresent(
                        e ->
                            analysed.add(
                                instrument
                                    + " month "
                                    + m
                                    + ": n = "
                                    + (e.n() == null ? "NA" : e.n())));
              }
            });
    int lineH = 18;
    int armBoxH = 16 + lineH * boxes.stream().mapToInt(List::size).max().orElse(1);
    int analysedH = 16 + lineH * analysed.size();
    int totalClusters = in.data().clusters().size();
    Drawing d =
        new Drawing(
            "figure-3-consort",
            "Figure 3. CONSORT flow diagram",
            720,
            40 + 60 + 40 + armBoxH + 40 + analysedH + 20);
    double topY = 20;
    box(
        d,
        210,
        topY,
        300,
        60,
        List.of(
            "Clusters randomised: " + totalClusters,
            "Participants recruited: " + in.data().participants().size()),
        false);
    double armY = topY + 60 + 40;
    double[] xs = {40, 380};
    d.line(360, topY + 60, 360, armY - 20, INK, 1.2);
    d.line(xs[0] + 150, armY - 20, xs[1] + 150, armY - 20, INK, 1.2);
    for (int k = 0; k < boxes.size() && k < 2; k++) {
      d.line(xs[k] + 150, armY - 20, xs[k] + 150, armY, INK, 1.2);
      box(d, xs[k], armY, 300, armBoxH, boxes.get(k), true);
      d.line(xs[k] + 150, armY + armBoxH, xs[k] + 150, armY + armBoxH + 20, INK, 1.2);
    }
    double anY = armY + armBoxH + 40;
    d.line(xs[0] + 150, anY - 20, xs[1] + 150, anY - 20, INK, 1.2);
    d.line(360, anY - 20, 360, anY, INK, 1.2);
    box(d, 160, anY, 400, analysedH, analysed, true);
    return d;
  }

  private static void box(
      Drawing d, double x, double y, double w, double h, List<String> lines, boolean firstBold) {
    d.add(new Drawing.Rect(x, y, w, h, INK, "#f7f7f7", 1.2));
    for (int i = 0; i < lines.size(); i++) {
      double ty = y + 22 + 18 * i;
      if (i == 0 && firstBold) {
        d.bold(x + w / 2, ty, lines.get(i), 12, Drawing.Anchor.MIDDLE);
      } else {
        d.text(x + w / 2, ty, lines.get(i), 12, Drawing.Anchor.MIDDLE);
      }
    }
  }
}
