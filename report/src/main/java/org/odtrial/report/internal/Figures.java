package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's figures in order: CONSORT flow, Kaplan-Meier, forest plot of the main effects, and
 * the subgroup forest plot when the results have subgroups. A cumulative-incidence figure would
 * follow the Kaplan-Meier one, drawn by {@link KmFigure} from {@link StepCurve}s of the analysis
 * module's cumulative-incidence curves.
 */
public final class Figures {
  private Figures() {}

  public static List<Drawing> all(Context cx) {
    List<Drawing> out = new ArrayList<>();
    out.add(ConsortFigure.build(cx, 1));
    out.add(KmFigure.build(cx, 2));
    out.add(ForestFigure.main(cx, 3));
    ForestFigure.subgroups(cx, 4).ifPresent(out::add);
    return out;
  }
}
