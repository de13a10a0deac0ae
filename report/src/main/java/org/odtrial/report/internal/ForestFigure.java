package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.odtrial.analysis.plan.Estimand;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;
import org.odtrial.report.internal.Drawing.Anchor;

/**
 * Forest plots at single-column width: the main effects (ratios on a log axis with Axis.log ticks,
 * mean differences on a linear axis), and the hazard ratio of relapse by subgroup with each
 * variable's test of interaction.
 */
final class ForestFigure {
  private static final double W = Drawing.SINGLE_COLUMN;
  private static final double TEXT_R = W - 2;
  private static final double GAP = 6;
  private static final double ROW = 11;
  private static final double HEADER = 14;
  private static final double AXIS = 30;

  /**
   * One line of a panel: a heading (no effect), or an estimate with its CI; {@code right} replaces
   * the printed estimate (an interaction p-value on a heading).
   */
  private record Item(
      String label, int indent, boolean heading, Lookup.Effect effect, String right) {}

  private record Panel(
      String leftHeader, String rightHeader, List<Item> items, boolean log, boolean favours) {
    double height() {
      return HEADER + ROW * items.size() + AXIS + (favours ? 8 : 0);
    }
  }

  private final Context cx;
  private double plotL;
  private double plotR;

  private ForestFigure(Context cx) {
    this.cx = cx;
  }

  /** The forest plot of the main effects. */
  static Drawing main(Context cx, int number) {
    return new ForestFigure(cx).mainEffects(number);
  }

  /** The subgroup forest plot, when the results have subgroup rows. */
  static Optional<Drawing> subgroups(Context cx, int number) {
    return cx.rows.subgroupVariables().isEmpty()
        ? Optional.empty()
        : Optional.of(new ForestFigure(cx).subgroupPlot(number));
  }

  private Drawing mainEffects(int number) {
    List<Item> ratios = new ArrayList<>();
    List<Item> diffs = new ArrayList<>();
    List<Estimand> estimands =
        cx.plan.estimands().stream().filter(e -> !e.supplementary()).toList();
    if (!estimands.stream().allMatch(e -> cx.rows.one(e.mainAnalysis()).isPresent())) {
      // results without the estimands' main analyses (an analysis of version 1): the rows
      // version 1 reported
      estimands = List.of();
      item(ratios, "Relapse, unadjusted", 0, RowId.RELAPSE_COX);
      item(ratios, "Relapse, adjusted", 0, RowId.RELAPSE_COX_ADJUSTED);
      item(ratios, "Admissions", 0, RowId.ADMISSIONS_NB);
      item(ratios, "Bed days", 0, RowId.BED_DAYS_NB);
      cx.rows
          .recovery()
          .forEach(
              (instrument, months) -> {
                for (int m : months) {
                  item(
                      diffs,
                      instrument + ", " + Fmt.time(Fmt.monthDays(m)),
                      0,
                      RowId.recovery(instrument, m, RecoveryAnalysis.ANCOVA));
                }
              });
    }
    // each estimand's main analysis (supplementary estimands and sensitivity analyses are in the
    // sensitivity table); a difference in restricted mean time is in days, on neither axis
    Set<String> used = new HashSet<>();
    for (Estimand e : estimands) {
      // two estimands of one outcome (a plan may have them) are told apart by their own labels
      String label = shortLabel(e);
      label = used.add(label) ? label : cx.blinding.neutral(e.label());
      switch (e.summary()) {
        case HAZARD_RATIO, SUBDISTRIBUTION_HAZARD_RATIO, RATE_RATIO ->
            item(ratios, label, 0, e.mainAnalysis());
        case MEAN_DIFFERENCE -> item(diffs, label, 0, e.mainAnalysis());
        case RMST_DIFFERENCE -> {}
      }
    }
    List<Panel> panels = new ArrayList<>();
    panels.add(new Panel("Outcome", "Ratio (95% CI)", ratios, true, true));
    if (!diffs.isEmpty()) {
      panels.add(new Panel("Score", "Mean difference (95% CI)", diffs, false, false));
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "Effects are "
            + cx.contrast()
            + (estimands.isEmpty()
                ? ": hazard ratios for relapse and rate ratios for admissions and bed days on a log"
                    + " scale; mean differences in questionnaire scores, adjusted for baseline,"
                    + " on a linear scale."
                : ", each estimand's main analysis (Table of estimands): ratios on a log scale,"
                    + " mean differences in questionnaire scores on a linear scale.")
            + " Squares: estimates; lines: 95% confidence intervals.");
    notes.add("Methods: see the footnotes of the tables of each outcome.");
    return draw("forest", number, "Effect estimates with 95% confidence intervals", panels, notes);
  }

  /** A label that fits the single-column figure: the outcome, the month of a score. */
  private String shortLabel(Estimand e) {
    Estimand.Variable v = e.variable();
    String label =
        switch (v.outcome()) {
          case RELAPSE -> "Relapse";
          case ADMISSIONS -> "Admissions";
          case BED_DAYS -> "Bed days";
          case SCORE -> v.instrument() + ", " + Fmt.time(Fmt.monthDays(v.month()));
        };
    return e.primary() ? label + " (primary)" : label;
  }

  private Drawing subgroupPlot(int number) {
    List<Item> items = new ArrayList<>();
    item(items, "All participants", 0, RowId.RELAPSE_COX);
    for (String v : cx.rows.subgroupVariables()) {
      String right =
          cx.rows
              .one(RowId.coxInteraction(v))
              .map(
                  e ->
                      e.pValue() == null
                          ? "interaction: " + Cells.NOT_ESTIMABLE
                          : "interaction " + Fmt.pText(e.pValue()))
              .orElse("");
      items.add(new Item(SubgroupTable.variableLabel(v), 0, true, null, right));
      for (String level : cx.rows.subgroupLevels(v)) {
        item(items, level, 1, RowId.coxSubgroup(v, level));
      }
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "Hazard ratios of relapse, "
            + cx.contrast()
            + ", within each subgroup, on a log scale, with 95% confidence intervals; p-values of"
            + " the tests of interaction beside each variable. Participants, relapses and methods:"
            + " see the subgroup table.");
    return draw(
        "subgroups",
        number,
        "Hazard ratio of relapse by subgroup",
        List.of(new Panel("Subgroup", "Hazard ratio (95% CI)", items, true, true)),
        notes);
  }

  private void item(List<Item> items, String label, int indent, RowId id) {
    cx.rows
        .one(id)
        .ifPresent(e -> items.add(new Item(label, indent, false, cx.rows.effect(e), null)));
  }

  private Drawing draw(
      String key, int number, String title, List<Panel> panels, List<String> notes) {
    double height = 4;
    for (Panel p : panels) {
      height += p.height() + 6;
    }
    Drawing d = new Drawing(key, number, title, W, height, notes);
    // columns from the widest label and the widest printed estimate of any panel
    double label = 0;
    double text = 0;
    for (Panel p : panels) {
      label = Math.max(label, Drawing.textWidth(p.leftHeader(), Drawing.SMALL));
      for (Item it : p.items()) {
        if (!it.heading()) {
          label = Math.max(label, 7 * it.indent() + Drawing.textWidth(it.label(), Drawing.SMALL));
          text = Math.max(text, Drawing.textWidth(printed(it.effect()), Drawing.SMALL));
        }
      }
    }
    plotL = 2 + label + GAP;
    plotR = TEXT_R - text - GAP;
    double top = 4;
    for (Panel p : panels) {
      panel(d, top, p);
      top += p.height() + 6;
    }
    return d;
  }

  private void panel(Drawing d, double top, Panel p) {
    d.bold(2, top + 8, p.leftHeader(), Drawing.SMALL, Anchor.START);
    d.bold(TEXT_R, top + 8, p.rightHeader(), Drawing.SMALL, Anchor.END);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Item it : p.items()) {
      Lookup.Effect e = it.effect();
      if (e != null && e.estimable()) {
        lo = Math.min(lo, e.low() == null ? e.estimate() : e.low());
        hi = Math.max(hi, e.high() == null ? e.estimate() : e.high());
      }
    }
    if (lo > hi) {
      lo = p.log() ? 1 : 0;
      hi = lo;
    }
    List<Double> ticks = p.log() ? Axis.log(lo, hi) : Axis.linear(lo, hi);
    DoubleUnaryOperator scale = p.log() ? Math::log : v -> v;
    double min = scale.applyAsDouble(ticks.get(0));
    double max = scale.applyAsDouble(ticks.get(ticks.size() - 1));
    DoubleUnaryOperator x =
        v -> plotL + (plotR - plotL) * (scale.applyAsDouble(v) - min) / (max - min);
    double y0 = top + HEADER;
    double bottom = y0 + ROW * p.items().size() + 2;
    // the line of no effect, then the axis
    double ref = x.applyAsDouble(p.log() ? 1 : 0);
    d.add(new Drawing.Line(ref, y0 - 2, ref, bottom, Palette.MUTED, 0.5, 2));
    d.line(plotL, bottom, plotR, bottom, Palette.INK, 0.6);
    for (double t : ticks) {
      double px = x.applyAsDouble(t);
      d.line(px, bottom, px, bottom + 3, Palette.INK, 0.6);
      d.text(px, bottom + 10, Axis.label(t), Drawing.SMALL, Anchor.MIDDLE);
    }
    d.text(
        (plotL + plotR) / 2,
        bottom + 19,
        p.log() ? "Ratio (log scale)" : "Mean difference",
        Drawing.SMALL,
        Anchor.MIDDLE);
    if (p.favours()) {
      d.text(
          ref - 2, bottom + 27, "Favours " + cx.label(0), Drawing.SMALL, Anchor.END, Palette.MUTED);
      d.text(
          ref + 2,
          bottom + 27,
          "Favours " + cx.label(1),
          Drawing.SMALL,
          Anchor.START,
          Palette.MUTED);
    }
    for (int i = 0; i < p.items().size(); i++) {
      Item it = p.items().get(i);
      double cy = y0 + ROW * i + ROW / 2;
      double lx = 2 + 7 * it.indent();
      if (it.heading()) {
        d.bold(lx, cy + 2.5, it.label(), Drawing.SMALL, Anchor.START);
        if (it.right() != null && !it.right().isEmpty()) {
          d.text(TEXT_R, cy + 2.5, it.right(), Drawing.SMALL, Anchor.END);
        }
        continue;
      }
      d.text(lx, cy + 2.5, it.label(), Drawing.SMALL, Anchor.START);
      Lookup.Effect e = it.effect();
      if (!e.estimable()) {
        d.add(
            new Drawing.Text(
                TEXT_R,
                cy + 2.5,
                printed(e),
                Drawing.SMALL,
                Anchor.END,
                false,
                true,
                false,
                Palette.MUTED));
        continue;
      }
      if (e.low() != null && e.high() != null) {
        d.line(x.applyAsDouble(e.low()), cy, x.applyAsDouble(e.high()), cy, Palette.INK, 0.8);
      }
      double px = x.applyAsDouble(e.estimate());
      d.add(new Drawing.Rect(px - 2, cy - 2, 4, 4, Palette.INK, Palette.INK, 0.5));
      d.text(TEXT_R, cy + 2.5, printed(e), Drawing.SMALL, Anchor.END);
    }
  }

  private static String printed(Lookup.Effect e) {
    return e.estimable()
        ? Fmt.withCi(e.estimate(), e.low(), e.high(), e.se(), 2)
        : Cells.NOT_ESTIMABLE;
  }
}
