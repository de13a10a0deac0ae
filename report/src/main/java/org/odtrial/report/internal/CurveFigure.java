package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.odtrial.analysis.competing.CumulativeIncidenceFit;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.survival.KaplanMeierFit;
import org.odtrial.report.internal.Drawing.Anchor;

/**
 * Curves of time to relapse by arm at single-column width, over months since baseline (ticks every
 * 6 months) on a 0-100 % axis, with censoring marks, the effect with its CI and p in the plot, and
 * the numbers at risk under the ticks: the Kaplan-Meier figure (relapse-free survival, with the 95%
 * confidence intervals of the results rows at their times, the ones allowing for clustering when
 * the results have them, and the hazard ratio), and the cumulative-incidence figure (relapse with
 * death as a competing risk, and the subdistribution hazard ratio).
 */
final class CurveFigure {
  private static final double TOP = 8;
  private static final double BOTTOM = 140;
  private static final double ROW = 9;

  /** Censoring marks closer than this (points) are drawn once: they would overlap anyway. */
  static final double MARK_SPACING = 2;

  /**
   * What one figure draws.
   *
   * @param key file-name key
   * @param title legend title
   * @param yLabel the y axis title
   * @param curves the curves in display order
   * @param intervals results rows whose per-arm CIs are drawn at their times, or null
   * @param effect the results row of the effect printed in the plot
   * @param effectName its name, e.g. "Hazard ratio"
   * @param rising whether the curves rise (incidence: legend bottom right, effect top left) or fall
   *     (survival: legend top right, effect bottom left)
   * @param notes the legend's sentences
   */
  private record Spec(
      String key,
      String title,
      String yLabel,
      List<StepCurve> curves,
      RowId intervals,
      RowId effect,
      String effectName,
      boolean rising,
      List<String> notes) {}

  private final Context cx;
  private double left = 40;
  private double right = Drawing.SINGLE_COLUMN - 8;

  private CurveFigure(Context cx) {
    this.cx = cx;
  }

  /** The Kaplan-Meier figure. */
  static Drawing km(Context cx, int number) {
    List<StepCurve> curves = new ArrayList<>();
    for (String arm : cx.arms) {
      KaplanMeierFit f = cx.in.km().get(arm);
      if (f != null) {
        curves.add(StepCurve.survival(arm, f));
      }
    }
    RowId km = cx.rows.preferred(RowId.RELAPSE_KM_ROBUST, RowId.RELAPSE_KM);
    List<String> notes = new ArrayList<>();
    notes.add(
        "Tick marks on the curves: participants censored (end of follow-up or death before"
            + " relapse); censorings too close together to mark apart share one mark.");
    if (!cx.rows.times(km).isEmpty()) {
      notes.add(
          "Vertical bars: 95% confidence intervals at "
              + String.join(" and ", cx.rows.times(km).stream().map(Fmt::time).toList())
              + (km.equals(RowId.RELAPSE_KM_ROBUST)
                  ? ", allowing for clustering."
                  : ", ignoring clustering."));
    }
    cx.rows
        .one(RowId.RELAPSE_COX)
        .ifPresent(e -> notes.add("Hazard ratio: " + Methods.method(e, cx.plan) + "."));
    return new CurveFigure(cx)
        .draw(
            number,
            new Spec(
                Figures.KM,
                "Kaplan-Meier estimates of relapse-free survival by arm",
                "Relapse-free survival (%)",
                curves,
                km,
                RowId.RELAPSE_COX,
                "Hazard ratio",
                false,
                notes));
  }

  /**
   * The cumulative-incidence figure, when the results have the competing-risks rows (relapse.cif)
   * and the analysis handed over their curves.
   */
  static Optional<Drawing> incidence(Context cx, int number) {
    if (!cx.rows.has(RowId.RELAPSE_CIF) || cx.in.cif().isEmpty()) {
      return Optional.empty();
    }
    List<StepCurve> curves = new ArrayList<>();
    for (String arm : cx.arms) {
      CumulativeIncidenceFit f = cx.in.cif().get(arm);
      KaplanMeierFit km = cx.in.km().get(arm);
      if (f != null && km != null) {
        curves.add(StepCurve.incidence(arm, f, km, censored(cx, arm, km)));
      }
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "Cumulative incidence of relapse, death before relapse a competing event (Aalen-Johansen)."
            + " Tick marks on the curves: participants censored (end of follow-up without relapse"
            + " or death); censorings too close together to mark apart share one mark. The"
            + " cumulative incidence at the Kaplan-Meier times, with standard errors, is in the"
            + " table of sensitivity analyses.");
    cx.rows
        .one(RowId.RELAPSE_FINEGRAY)
        .ifPresent(
            e -> notes.add("Subdistribution hazard ratio: " + Methods.method(e, cx.plan) + "."));
    return Optional.of(
        new CurveFigure(cx)
            .draw(
                number,
                new Spec(
                    Figures.CIF,
                    "Cumulative incidence of relapse by arm, death as a competing risk",
                    "Cumulative incidence (%)",
                    curves,
                    null,
                    RowId.RELAPSE_FINEGRAY,
                    "Subdistribution hazard ratio",
                    true,
                    notes)));
  }

  /**
   * Censorings of the competing-risks analysis at each time of the arm's Kaplan-Meier curve:
   * participants with neither relapse nor death, counted from the data (a death is a censoring for
   * Kaplan-Meier but an event here).
   */
  private static int[] censored(Context cx, String arm, KaplanMeierFit km) {
    Map<Integer, Integer> at = new TreeMap<>();
    List<Participant> ps = cx.data.participants();
    for (int i : cx.arm(arm)) {
      Participant p = ps.get(i);
      if (!p.relapse() && !p.died()) {
        at.merge(p.relapseDays(), 1, Integer::sum);
      }
    }
    double[] t = km.time();
    int[] out = new int[t.length];
    for (int i = 0; i < t.length; i++) {
      out[i] = at.getOrDefault((int) t[i], 0);
    }
    return out;
  }

  private Drawing draw(int number, Spec spec) {
    List<StepCurve> curves = spec.curves();
    int horizon = cx.in.results().horizonDays();
    List<Integer> ticks = Axis.months(horizon);
    double xMax = Fmt.monthDays(ticks.get(ticks.size() - 1));
    // room at both ends for the numbers at risk centred under the first and last ticks
    double first = 0;
    double last = 0;
    double labels = 0;
    for (StepCurve c : curves) {
      first = Math.max(first, Drawing.textWidth(Fmt.count(c.atRisk(0)), Drawing.SMALL));
      last =
          Math.max(
              last, Drawing.textWidth(Fmt.count(c.atRisk(Math.min(xMax, horizon))), Drawing.SMALL));
      labels = Math.max(labels, Drawing.textWidth(cx.blinding.label(c.arm()), Drawing.SMALL));
    }
    left = Math.max(40, 2 + labels + 4 + first / 2);
    right = Drawing.SINGLE_COLUMN - Math.max(8, last / 2 + 1);
    double plotLeft = left;
    double plotRight = right;
    DoubleUnaryOperator x = t -> plotLeft + (plotRight - plotLeft) * t / xMax;
    DoubleUnaryOperator y = s -> BOTTOM - (BOTTOM - TOP) * s;
    double height = BOTTOM + 44 + ROW * curves.size();
    Drawing d =
        new Drawing(spec.key(), number, spec.title(), Drawing.SINGLE_COLUMN, height, spec.notes());
    // y axis: 0 to 100 %
    for (int pct = 0; pct <= 100; pct += 25) {
      double py = y.applyAsDouble(pct / 100.0);
      d.line(left, py, right, py, Palette.GRID, 0.4);
      d.line(left - 3, py, left, py, Palette.INK, 0.6);
      d.text(left - 5, py + 2.5, Integer.toString(pct), Drawing.SMALL, Anchor.END);
    }
    d.add(
        new Drawing.Text(
            10,
            (TOP + BOTTOM) / 2,
            spec.yLabel(),
            Drawing.NORMAL,
            Anchor.MIDDLE,
            false,
            false,
            true,
            Palette.INK));
    // x axis in months
    d.line(left, BOTTOM, right, BOTTOM, Palette.INK, 0.6);
    d.line(left, TOP, left, BOTTOM, Palette.INK, 0.6);
    for (int m : ticks) {
      double px = x.applyAsDouble(Fmt.monthDays(m));
      d.line(px, BOTTOM, px, BOTTOM + 3, Palette.INK, 0.6);
      d.text(px, BOTTOM + 11, Integer.toString(m), Drawing.SMALL, Anchor.MIDDLE);
    }
    d.text((left + right) / 2, BOTTOM + 22, "Months since baseline", Drawing.NORMAL, Anchor.MIDDLE);
    for (int k = 0; k < curves.size(); k++) {
      StepCurve c = curves.get(k);
      String color = Palette.ARMS[k % 2];
      double dash = Palette.DASH[k % 2];
      d.add(new Drawing.Poly(steps(c, x, y), color, null, 1, 1.1, dash, false));
      censorMarks(d, c, x, y, color);
      if (spec.intervals() != null) {
        intervals(d, c, spec.intervals(), x, y, color, k);
      }
      legend(d, k, cx.blinding.label(c.arm()), color, dash, spec.rising());
    }
    effect(d, spec);
    // numbers at risk, aligned under the ticks
    double ry = BOTTOM + 34;
    d.bold(2, ry, "Number at risk", Drawing.SMALL, Anchor.START);
    for (int k = 0; k < curves.size(); k++) {
      StepCurve c = curves.get(k);
      double rowY = ry + ROW * (k + 1);
      d.text(2, rowY, cx.blinding.label(c.arm()), Drawing.SMALL, Anchor.START, Palette.ARMS[k % 2]);
      for (int m : ticks) {
        int t = Math.min(Fmt.monthDays(m), horizon);
        d.text(
            x.applyAsDouble(Fmt.monthDays(m)),
            rowY,
            Fmt.count(c.atRisk(t)),
            Drawing.SMALL,
            Anchor.MIDDLE);
      }
    }
    if (curves.isEmpty()) {
      d.text(
          (left + right) / 2,
          (TOP + BOTTOM) / 2,
          "No participants: no curves to draw",
          Drawing.SMALL,
          Anchor.MIDDLE);
    }
    return d;
  }

  /** The step function as a polyline from (0, start), in percent. */
  static double[] steps(StepCurve c, DoubleUnaryOperator x, DoubleUnaryOperator y) {
    double[] t = c.time();
    double[] v = c.value();
    List<Double> pts = new ArrayList<>();
    double prev = c.start();
    pts.add(x.applyAsDouble(0));
    pts.add(y.applyAsDouble(prev));
    for (int i = 0; i < t.length; i++) {
      if (v[i] != prev) {
        pts.add(x.applyAsDouble(t[i]));
        pts.add(y.applyAsDouble(prev));
        pts.add(x.applyAsDouble(t[i]));
        pts.add(y.applyAsDouble(v[i]));
        prev = v[i];
      }
    }
    if (t.length > 0) {
      pts.add(x.applyAsDouble(t[t.length - 1]));
      pts.add(y.applyAsDouble(prev));
    }
    return pts.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * A short vertical tick on the curve at every time with a censoring (survminer's "+"); marks
   * closer than {@link #MARK_SPACING} to the last one drawn are left out, as they would merge.
   */
  private static void censorMarks(
      Drawing d, StepCurve c, DoubleUnaryOperator x, DoubleUnaryOperator y, String color) {
    double[] t = c.time();
    double[] v = c.value();
    int[] censored = c.nCensor();
    double drawn = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < t.length; i++) {
      double px = x.applyAsDouble(t[i]);
      if (censored[i] > 0 && px - drawn >= MARK_SPACING) {
        double py = y.applyAsDouble(v[i]);
        d.line(px, py - 2, px, py + 2, color, 0.6);
        drawn = px;
      }
    }
  }

  /** The results rows' 95% CIs as vertical bars at their times, the arms set slightly apart. */
  private void intervals(
      Drawing d,
      StepCurve c,
      RowId id,
      DoubleUnaryOperator x,
      DoubleUnaryOperator y,
      String color,
      int k) {
    for (int t : cx.rows.times(id)) {
      Optional<Estimate> e = cx.rows.arm(id, c.arm(), t);
      if (e.isEmpty() || e.get().ciLow() == null || e.get().ciHigh() == null) {
        continue;
      }
      double px = x.applyAsDouble(t) + (k == 0 ? -1.5 : 1.5);
      double lo = y.applyAsDouble(e.get().ciLow());
      double hi = y.applyAsDouble(e.get().ciHigh());
      d.line(px, lo, px, hi, color, 0.7);
      d.line(px - 1.5, lo, px + 1.5, lo, color, 0.7);
      d.line(px - 1.5, hi, px + 1.5, hi, color, 0.7);
    }
  }

  /** The legend in the plot's empty corner: top right for falling curves, bottom right rising. */
  private void legend(Drawing d, int k, String label, String color, double dash, boolean rising) {
    double ly = (rising ? BOTTOM - 14 : TOP + 8) + 10 * k;
    double lx = right - 58;
    d.add(new Drawing.Line(lx, ly - 2.5, lx + 16, ly - 2.5, color, 1.1, dash));
    d.text(lx + 20, ly, label, Drawing.SMALL, Anchor.START);
  }

  /**
   * The effect, its CI and p, in the plot's other empty corner: bottom left for falling curves, top
   * left for rising ones.
   */
  private void effect(Drawing d, Spec spec) {
    Optional<Estimate> row = cx.rows.one(spec.effect());
    if (row.isEmpty()) {
      return;
    }
    Lookup.Effect e = cx.rows.effect(row.get());
    String first = spec.effectName() + ", " + cx.contrast() + ":";
    String second =
        e.estimable()
            ? Fmt.num(e.estimate(), 2)
                + (e.low() == null
                    ? ""
                    : " (95% CI " + Fmt.num(e.low(), 2) + " to " + Fmt.num(e.high(), 2) + ")")
                + (e.p() == null ? "" : "; " + Fmt.pText(e.p()))
            : Cells.NOT_ESTIMABLE;
    double y = spec.rising() ? TOP + 8 : BOTTOM - 15;
    d.text(left + 5, y, first, Drawing.SMALL, Anchor.START);
    d.text(left + 5, y + 9, second, Drawing.SMALL, Anchor.START);
  }
}
