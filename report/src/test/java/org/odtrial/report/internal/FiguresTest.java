package org.odtrial.report.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.survival.KaplanMeierFit;
import org.odtrial.report.Blinding;
import org.odtrial.report.ExampleReport;
import org.odtrial.report.ReportInput;

/**
 * The figures as drawn: axes, ticks, marks, annotations, against R's values where they show one.
 */
class FiguresTest {
  private static Drawing figure(ReportInput in, String key) {
    return Figures.all(new Context(in)).stream()
        .filter(d -> d.key().equals(key))
        .findFirst()
        .orElseThrow();
  }

  private static List<Drawing.Text> texts(Drawing d) {
    return d.shapes().stream()
        .filter(Drawing.Text.class::isInstance)
        .map(Drawing.Text.class::cast)
        .toList();
  }

  private static Drawing.Text text(Drawing d, String s) {
    return texts(d).stream()
        .filter(t -> t.text().equals(s))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no text \"" + s + "\" in " + d.name()));
  }

  private static List<Drawing.Line> lines(Drawing d, String color) {
    return d.shapes().stream()
        .filter(Drawing.Line.class::isInstance)
        .map(Drawing.Line.class::cast)
        .filter(l -> l.color().equals(color))
        .toList();
  }

  @Test
  void kaplanMeierFigureHasMonthsPercentCensoringMarksAndNumbersAtRiskUnderTheTicks() {
    ReportInput in = ExampleReport.input(Blinding.none());
    Drawing d = figure(in, "km");
    assertThat(d.width()).isCloseTo(90 / 25.4 * 72, within(1e-9));
    Drawing.Text y = text(d, "Relapse-free survival (%)");
    assertThat(y.rotated()).isTrue();
    text(d, "Months since baseline");
    // x ticks: 0, 6, 12, 18, 24 months; y ticks 0 to 100 %
    Map<String, Double> tickX = new java.util.LinkedHashMap<>();
    double tickY = text(d, "24").y();
    for (String m : List.of("0", "6", "12", "18", "24")) {
      List<Drawing.Text> t =
          texts(d).stream()
              .filter(
                  x -> x.text().equals(m) && x.y() == tickY && x.anchor() == Drawing.Anchor.MIDDLE)
              .toList();
      assertThat(t).as("tick %s", m).isNotEmpty();
      tickX.put(m, t.get(0).x());
    }
    for (String pct : List.of("0", "25", "50", "75", "100")) {
      assertThat(texts(d)).anyMatch(t -> t.text().equals(pct) && t.anchor() == Drawing.Anchor.END);
    }
    // numbers at risk of each arm, centred under the ticks, as the fit counts them
    double numberAtRisk = text(d, "Number at risk").y();
    for (int k = 0; k < 2; k++) {
      String arm = List.of("OD", "TAU").get(k);
      KaplanMeierFit fit = in.km().get(arm);
      Drawing.Text label =
          texts(d).stream()
              .filter(t -> t.text().equals(arm) && t.y() > numberAtRisk)
              .findFirst()
              .orElseThrow();
      assertThat(label.color()).isEqualTo(Palette.ARMS[k]);
      List<String> row = new ArrayList<>();
      for (Map.Entry<String, Double> tick : tickX.entrySet()) {
        int day = Math.min(Fmt.monthDays(Integer.parseInt(tick.getKey())), 730);
        Drawing.Text n =
            texts(d).stream()
                .filter(t -> t.y() == label.y() && t.x() == tick.getValue())
                .findFirst()
                .orElseThrow();
        assertThat(n.anchor()).isEqualTo(Drawing.Anchor.MIDDLE);
        assertThat(n.text()).isEqualTo(Integer.toString(fit.nRiskAt(day)));
        row.add(n.text());
      }
      assertThat(row).first().isEqualTo(Integer.toString(fit.n()));
      // censoring marks (4 pt vertical ticks): one per censoring time, those closer than
      // MARK_SPACING to the last one drawn left out
      long censored = java.util.Arrays.stream(fit.nCensor()).filter(c -> c > 0).count();
      double[] marks =
          lines(d, Palette.ARMS[k]).stream()
              .filter(l -> l.x1() == l.x2() && Math.abs(l.y2() - l.y1() - 4) < 1e-9)
              .mapToDouble(Drawing.Line::x1)
              .toArray();
      assertThat(marks.length).isPositive().isLessThanOrEqualTo((int) censored);
      assertThat(marks.length).isGreaterThan((int) censored / 2);
      for (int i = 1; i < marks.length; i++) {
        assertThat(marks[i] - marks[i - 1]).isGreaterThanOrEqualTo(CurveFigure.MARK_SPACING);
      }
    }
    // the hazard ratio with its CI and p, as R gives them
    JsonNode cox = ExampleReport.row("relapse.cox");
    text(d, "Hazard ratio, OD vs TAU:");
    text(
        d,
        String.format(
            Locale.ROOT,
            "%.2f (95%% CI %.2f to %.2f); p = %.3f",
            cox.get("estimate").asDouble(),
            cox.get("ci_low").asDouble(),
            cox.get("ci_high").asDouble(),
            cox.get("p_value").asDouble()));
    assertThat(d.notes()).anyMatch(n -> n.contains("allowing for clustering"));
  }

  @Test
  void kaplanMeierFigureDrawsTheRobustIntervalsOfTheResultsAtTheirTimes() {
    ReportInput in = ExampleReport.input(Blinding.none());
    Drawing d = figure(in, "km");
    // the y axis maps 0..1 onto the plot linearly: find it from the 0 % and 100 % ticks
    double y0 = text(d, "0").y() - 2.5;
    double y100 = texts(d).stream().filter(t -> t.text().equals("100")).findFirst().get().y() - 2.5;
    for (int time : List.of(365, 730)) {
      JsonNode r = ExampleReport.row("relapse.km.robust", "OD", time);
      double lo = y0 + (y100 - y0) * r.get("ci_low").asDouble();
      double hi = y0 + (y100 - y0) * r.get("ci_high").asDouble();
      assertThat(lines(d, Palette.ARMS[0]))
          .as("interval at %d days", time)
          .anyMatch(
              l ->
                  l.x1() == l.x2() && Math.abs(l.y1() - lo) < 1e-9 && Math.abs(l.y2() - hi) < 1e-9);
    }
  }

  @Test
  void cumulativeIncidenceFigureRisesFromZeroWithTheSubdistributionHazardRatio() {
    ReportInput in = ExampleReport.input(Blinding.none());
    Drawing d = figure(in, "cif");
    assertThat(d.number()).isEqualTo(3);
    assertThat(text(d, "Cumulative incidence (%)").rotated()).isTrue();
    JsonNode fg = ExampleReport.row("relapse.finegray");
    text(d, "Subdistribution hazard ratio, OD vs TAU:");
    text(
        d,
        String.format(
            Locale.ROOT,
            "%.2f (95%% CI %.2f to %.2f); p = %.3f",
            fg.get("estimate").asDouble(),
            fg.get("ci_low").asDouble(),
            fg.get("ci_high").asDouble(),
            fg.get("p_value").asDouble()));
    List<Drawing.Poly> curves =
        d.shapes().stream()
            .filter(Drawing.Poly.class::isInstance)
            .map(Drawing.Poly.class::cast)
            .toList();
    assertThat(curves).hasSize(2);
    double y0 = text(d, "0").y() - 2.5;
    for (int k = 0; k < 2; k++) {
      // each curve starts at 0 % and its step at 12 months is R's cumulative incidence there
      double[] xy = curves.get(k).xy();
      assertThat(xy[1]).isCloseTo(y0, within(1e-9));
      String arm = List.of("OD", "TAU").get(k);
      double r = ExampleReport.row("relapse.cif", arm, 365).get("estimate").asDouble();
      assertThat(in.cif().get(arm).at(365).orElseThrow().estimate()).isCloseTo(r, within(1e-9));
    }
    assertThat(d.notes()).anyMatch(n -> n.contains("competing event"));
  }

  @Test
  void versionOneResultsPlotTheRowsVersionOneHad() {
    Drawing d = figure(ExampleReport.inputV1(Blinding.none()), "forest");
    assertThat(texts(d).stream().map(Drawing.Text::text).toList())
        .contains("Relapse, unadjusted", "Relapse, adjusted", "QPR, 12 months")
        .contains(ci(ExampleReport.row("relapse.cox")));
  }

  @Test
  void versionOneResultsHaveNoCumulativeIncidenceFigure() {
    assertThat(Figures.all(new Context(ExampleReport.inputV1(Blinding.none()))))
        .extracting(Drawing::key)
        .containsExactly("consort", "km", "forest");
  }

  @Test
  void forestPlotHasAProperLogAxisAndSaysWhichArmEachSideFavours() {
    Drawing d = figure(ExampleReport.input(Blinding.none()), "forest");
    List<String> t = texts(d).stream().map(Drawing.Text::text).toList();
    assertThat(t)
        .contains("0.25", "0.5", "1", "2", "Favours OD", "Favours TAU", "Ratio (log scale)")
        .contains("Relapse (primary)", "Admissions", "Bed days", "QPR, 12 months")
        .doesNotContain("Relapse, unadjusted")
        // each estimand's main analysis: death a competing risk for relapse, the mixed model for
        // scores
        .contains(ci(ExampleReport.row("relapse.finegray")))
        .contains(ci(ExampleReport.row("recovery.QPR.m12.mmrm")));
    // log scale: the ticks 0.25, 0.5, 1, 2 are equally spaced
    List<Double> x = List.of("0.25", "0.5", "1", "2").stream().map(s -> text(d, s).x()).toList();
    assertThat(x.get(1) - x.get(0)).isCloseTo(x.get(2) - x.get(1), within(1e-9));
    assertThat(x.get(3) - x.get(2)).isCloseTo(x.get(2) - x.get(1), within(1e-9));
  }

  @Test
  void subgroupForestPlotShowsEveryLevelAndTheInteractionPValues() {
    Drawing d = figure(ExampleReport.input(Blinding.none()), "subgroups");
    List<String> t = texts(d).stream().map(Drawing.Text::text).toList();
    assertThat(t)
        .containsSubsequence("All participants", "Sex", "female", "male", "other", "Diagnosis")
        .contains(
            "interaction p = 0.018",
            "interaction: not estimable",
            "not estimable",
            ci(ExampleReport.row("relapse.cox.subgroup.diagnosis.anxiety")))
        .contains("0.125", "4");
  }

  @Test
  void consortDiagramHasTheCountsOfTable1PerArm() {
    Drawing d = figure(ExampleReport.input(Blinding.none()), "consort");
    List<String> t = texts(d).stream().map(Drawing.Text::text).collect(Collectors.toList());
    assertThat(t)
        .contains(
            "Allocated to OD",
            "Allocated to TAU",
            "Assessed at 12 months",
            "QPR at 24 months",
            "132",
            "148",
            "280");
  }

  @Test
  void axesHaveTicksJournalsExpect() {
    assertThat(Axis.months(730)).containsExactly(0, 6, 12, 18, 24);
    assertThat(Axis.months(365)).containsExactly(0, 3, 6, 9, 12);
    assertThat(Axis.months(1461)).containsExactly(0, 6, 12, 18, 24, 30, 36, 42, 48);
    assertThat(Axis.log(0.29, 1.22)).containsExactly(0.25, 0.5, 1.0, 2.0);
    assertThat(Axis.log(0.9, 1.1)).containsExactly(0.5, 1.0, 2.0);
    assertThat(Axis.log(1 / 8.0, 8)).containsExactly(0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0);
    // a wide range (the sample trial's subgroups: 0.03 to 8.3) would need 11 powers of 2, whose
    // labels run into each other at single-column width
    assertThat(Axis.log(0.033, 8.33)).containsExactly(0.03, 0.1, 0.3, 1.0, 3.0, 10.0);
    assertThat(Axis.log(0.001, 50)).containsExactly(0.001, 0.01, 0.1, 1.0, 10.0, 100.0);
    assertThat(Axis.label(0.03)).isEqualTo("0.03");
    assertThat(Axis.linear(-5.8, 2.6)).containsExactly(-6.0, -4.0, -2.0, 0.0, 2.0, 4.0);
    assertThat(Axis.label(0.25)).isEqualTo("0.25");
    assertThat(Axis.label(2)).isEqualTo("2");
  }

  @Test
  void armsAreDrawnInAColourBlindSafePaletteAndTheSecondDashed() {
    assertThat(Palette.ARMS).containsExactly("#0072B2", "#D55E00");
    Drawing d = figure(ExampleReport.input(Blinding.none()), "km");
    List<Drawing.Poly> curves =
        d.shapes().stream()
            .filter(Drawing.Poly.class::isInstance)
            .map(Drawing.Poly.class::cast)
            .toList();
    assertThat(curves).extracting(Drawing.Poly::stroke).containsExactly(Palette.ARMS);
    assertThat(curves.get(0).dash()).isZero();
    assertThat(curves.get(1).dash()).isPositive();
  }

  private static String ci(JsonNode r) {
    return String.format(
        Locale.ROOT,
        "%.2f (%.2f to %.2f)",
        r.get("estimate").asDouble(),
        r.get("ci_low").asDouble(),
        r.get("ci_high").asDouble());
  }
}
