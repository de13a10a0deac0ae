package org.odtrial.analysis.simulate.internal;

import java.util.ArrayList;
import java.util.List;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.Results;
import org.odtrial.analysis.simulate.RowKey;

/**
 * The figures of one results row of one rep that a simulation summarises: kept instead of the whole
 * row, so a rep waiting to be summarised holds little.
 */
public record RepRow(
    RowKey key,
    String estimand,
    boolean comparesArms,
    Double estimate,
    Double se,
    Double ciLow,
    Double ciHigh,
    Double pValue,
    String note) {

  /**
   * The rows of one rep's results that have an estimate or say why not; descriptive rows (network
   * meetings, fidelity), which have neither, are left out.
   */
  public static List<RepRow> of(Results results) {
    List<RepRow> rows = new ArrayList<>(results.estimates().size());
    for (Estimate e : results.estimates()) {
      if (e.estimate() == null && e.note() == null) {
        continue;
      }
      rows.add(
          new RepRow(
              RowKey.of(e),
              e.estimand(),
              e.contrast() != null,
              e.estimate(),
              e.se(),
              e.ciLow(),
              e.ciHigh(),
              e.pValue(),
              e.note()));
    }
    return rows;
  }
}
