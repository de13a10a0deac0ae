package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's figures in order: CONSORT flow, Kaplan-Meier, cumulative incidence when the results
 * have the competing-risks rows, forest plot of the main effects, and the subgroup forest plot when
 * the results have subgroups.
 */
public final class Figures {
  /** File-name keys of the curve figures, whose data are written beside them. */
  public static final String KM = "km";

  public static final String CIF = "cif";

  private Figures() {}

  public static List<Drawing> all(Context cx) {
    List<Drawing> out = new ArrayList<>();
    out.add(ConsortFigure.build(cx, 1));
    out.add(CurveFigure.km(cx, 2));
    CurveFigure.incidence(cx, 3).ifPresent(out::add);
    out.add(ForestFigure.main(cx, out.size() + 1));
    ForestFigure.subgroups(cx, out.size() + 1).ifPresent(out::add);
    return out;
  }
}
