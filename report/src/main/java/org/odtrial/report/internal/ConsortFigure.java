package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.report.internal.Drawing.Anchor;

/**
 * The CONSORT flow diagram at single-column width: randomisation, then per arm the allocation,
 * follow-up and analysis boxes, with the numbers of Table 1.
 */
final class ConsortFigure {
  private static final double W = Drawing.SINGLE_COLUMN;
  private static final double LINE = 9;
  private static final double PAD = 3;
  private static final double GAP = 12;
  private static final double COL_W = (W - 4 - 6) / 2;

  private record Box(String heading, List<String[]> lines) {
    double height() {
      return PAD + LINE * (1 + lines.size()) + PAD / 2;
    }
  }

  private ConsortFigure() {}

  static Drawing build(Context cx, int number) {
    List<List<Box>> columns = new ArrayList<>();
    List<ConsortTable.Outcome> outcomes = ConsortTable.outcomes(cx);
    List<Integer> months = ConsortTable.followUpMonths(cx);
    List<boolean[]> followed = months.stream().map(m -> ConsortTable.followedUp(cx, m)).toList();
    for (int k = 0; k < cx.arms.size(); k++) {
      String arm = cx.arms.get(k);
      int[] at = cx.arm(arm);
      List<Box> boxes = new ArrayList<>();
      boxes.add(
          new Box(
              "Allocated to " + cx.label(k),
              List.of(pair("Clusters", cx.clusters(arm).size()), pair("Participants", at.length))));
      List<String[]> follow = new ArrayList<>();
      follow.add(pair("Withdrew", cx.count(at, Participant::withdrawn)));
      follow.add(pair("Died", cx.count(at, Participant::died)));
      for (int i = 0; i < months.size(); i++) {
        boolean[] f = followed.get(i);
        long n = 0;
        for (int p : at) {
          n += f[p] ? 1 : 0;
        }
        follow.add(pair("Assessed at " + Fmt.time(Fmt.monthDays(months.get(i))), n));
      }
      boxes.add(new Box("Follow-up", follow));
      List<String[]> analysed = new ArrayList<>();
      for (ConsortTable.Outcome o : outcomes) {
        java.util.Optional<Estimate> e = cx.rows.one(o.id());
        if (e.isPresent()) {
          long[] perArm = ConsortTable.analysedPerArm(cx, o);
          boolean adds = e.get().n() != null && perArm[0] + perArm[1] == e.get().n();
          analysed.add(new String[] {o.label(), adds ? Fmt.count(perArm[k]) : Fmt.NA});
        }
      }
      boxes.add(new Box("Analysed", analysed));
      columns.add(boxes);
    }
    int stages = columns.isEmpty() ? 0 : columns.get(0).size();
    double[] stageH = new double[stages];
    for (List<Box> col : columns) {
      for (int s = 0; s < stages; s++) {
        stageH[s] = Math.max(stageH[s], col.get(s).height());
      }
    }
    Box top =
        new Box(
            "Randomised",
            List.of(
                pair("Clusters", cx.data.clusters().size()),
                pair("Participants recruited", cx.data.participants().size())));
    double topH = top.height();
    double height = 2 + topH + GAP;
    for (double h : stageH) {
      height += h + GAP;
    }
    Drawing d =
        new Drawing(
            "consort",
            number,
            "Flow of clusters and participants (CONSORT diagram for cluster trials)",
            W,
            height - GAP + 2,
            List.of(
                "Withdrew: from research interviews. Assessed: at least one questionnaire score"
                    + " recorded at that month. Analysed: participants in the primary analysis of"
                    + " each outcome (see Table 1)."));
    double topW = 150;
    double topX = (W - topW) / 2;
    box(d, topX, 2, topW, topH, top);
    double y = 2 + topH;
    double[] colX = {2, 2 + COL_W + 6};
    double split = y + GAP / 2;
    d.line(W / 2, y, W / 2, split, Palette.INK, 0.6);
    d.line(colX[0] + COL_W / 2, split, colX[1] + COL_W / 2, split, Palette.INK, 0.6);
    for (int k = 0; k < columns.size(); k++) {
      double cxm = colX[k] + COL_W / 2;
      d.line(cxm, split, cxm, y + GAP, Palette.INK, 0.6);
      double by = y + GAP;
      for (int s = 0; s < stages; s++) {
        box(d, colX[k], by, COL_W, stageH[s], columns.get(k).get(s));
        if (s + 1 < stages) {
          d.line(cxm, by + stageH[s], cxm, by + stageH[s] + GAP, Palette.INK, 0.6);
        }
        by += stageH[s] + GAP;
      }
    }
    return d;
  }

  private static String[] pair(String label, long n) {
    return new String[] {label, Fmt.count(n)};
  }

  private static void box(Drawing d, double x, double y, double w, double h, Box b) {
    d.add(new Drawing.Rect(x, y, w, h, Palette.INK, Palette.BOX_FILL, 0.6));
    d.bold(x + PAD, y + PAD + 6, b.heading(), Drawing.SMALL, Anchor.START);
    for (int i = 0; i < b.lines().size(); i++) {
      double ty = y + PAD + 6 + LINE * (i + 1);
      d.text(x + PAD, ty, b.lines().get(i)[0], Drawing.SMALL, Anchor.START);
      d.text(x + w - PAD, ty, b.lines().get(i)[1], Drawing.SMALL, Anchor.END);
    }
  }
}
