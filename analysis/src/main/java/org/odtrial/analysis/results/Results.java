package org.odtrial.analysis.results;

import java.util.List;

/**
 * The content of results.json.
 *
 * @param odtrialVersion tool version that computed it
 * @param load load number analysed
 * @param loadSha256 SHA-256 of that load's upload
 * @param blinded whether arm labels were masked
 * @param planName plan label
 * @param planSha256 SHA-256 of the plan's canonical JSON
 * @param horizonDays the plan's horizon
 * @param estimates rows in plan order
 * @param warnings analysis-level warnings, in the order they arose
 */
public record Results(
    String odtrialVersion,
    int load,
    String loadSha256,
    boolean blinded,
    String planName,
    String planSha256,
    int horizonDays,
    List<Estimate> estimates,
    List<String> warnings) {

  /** The results format written: analysis-results version 2 (see docs/results.md). */
  public static final int VERSION = 2;

  public Results {
    estimates = List.copyOf(estimates);
    warnings = List.copyOf(warnings);
  }
}
