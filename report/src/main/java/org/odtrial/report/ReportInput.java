package org.odtrial.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.odtrial.analysis.competing.CumulativeIncidenceFit;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.survival.KaplanMeierFit;

/**
 * Everything a report shows: the results rows (every estimate, CI and p-value), the load's analysis
 * data (counts and descriptive summaries), the plan they were computed under, the Kaplan-Meier
 * curves to draw (from {@code KaplanMeierByArm}, the same fits as the relapse.km rows), where it
 * all came from and how arms are labelled. The report computes no model from these.
 *
 * @param results the results of the analysis
 * @param data the load's analysis data
 * @param plan the analysis plan of the results
 * @param km Kaplan-Meier fit per arm code (an arm without participants has none)
 * @param cif cumulative incidence of relapse per arm code, death competing ({@code
 *     CumulativeIncidenceByArm}, the fits behind the relapse.cif rows); empty when not drawn
 * @param provenance load, plan and tool version
 * @param blinding how arms are labelled
 */
public record ReportInput(
    Results results,
    AnalysisData data,
    AnalysisPlan plan,
    Map<String, KaplanMeierFit> km,
    Map<String, CumulativeIncidenceFit> cif,
    Provenance provenance,
    Blinding blinding) {

  public ReportInput {
    km = Collections.unmodifiableMap(new LinkedHashMap<>(km));
    cif = Collections.unmodifiableMap(new LinkedHashMap<>(cif));
  }
}
