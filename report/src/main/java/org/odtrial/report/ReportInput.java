package org.odtrial.report;

import java.util.List;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.results.Results;

/**
 * Everything a report shows: the results rows, the load's analysis data (for descriptive tables),
 * the Kaplan-Meier curves to draw, where it all came from and how arms are labelled.
 */
public record ReportInput(
    Results results,
    AnalysisData data,
    List<KmCurve> kmCurves,
    Provenance provenance,
    Blinding blinding) {

  public ReportInput {
    kmCurves = List.copyOf(kmCurves);
  }
}
