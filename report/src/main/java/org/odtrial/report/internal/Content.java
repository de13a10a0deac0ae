package org.odtrial.report.internal;

import java.util.List;
import org.odtrial.report.Blinding;
import org.odtrial.report.Provenance;

/**
 * What every report format shows, built once: title, tables, figures, warnings, provenance.
 *
 * @param title report title
 * @param tables the tables in order
 * @param figures the figures in order
 * @param warnings analysis warnings from results.json (arm names masked when blinded)
 * @param provenance where it came from
 * @param blinding arm labelling
 */
public record Content(
    String title,
    List<Table> tables,
    List<Drawing> figures,
    List<String> warnings,
    Provenance provenance,
    Blinding blinding) {

  public String blindingNote() {
    return blinding.blinded()
        ? "Blinded report: the arms are shown as Arm A and Arm B, and every effect as Arm A vs Arm"
            + " B. Network meetings and fidelity, which would reveal the allocation, are pooled"
            + " over both arms."
        : "Unblinded report: effects are OD (Open Dialogue) vs TAU (treatment as usual, the"
            + " reference).";
  }
}
