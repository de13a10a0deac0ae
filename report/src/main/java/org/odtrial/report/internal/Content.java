package org.odtrial.report.internal;

import java.util.List;
import org.odtrial.report.Blinding;
import org.odtrial.report.Provenance;

/**
 * What every report format shows, built once: title, tables, figures, warnings, provenance.
 *
 * @param title report title
 * @param tables the six tables
 * @param figures the figures
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
        ? "Blinded report: arms are shown as Arm A and Arm B; contrasts are Arm A vs Arm B."
        : "Unblinded report: contrasts are OD vs TAU (TAU is the reference).";
  }
}
