package org.odtrial.analysis.results;

import java.util.List;
import java.util.Optional;
import org.odtrial.analysis.plan.Estimand;

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
 * @param estimands the plan's estimands, each naming the rows that answer it
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
    List<String> warnings,
    List<Estimand> estimands) {

  /** The results format written: analysis-results version 2 (see docs/results.md). */
  public static final int VERSION = 2;

  public Results {
    estimates = List.copyOf(estimates);
    warnings = List.copyOf(warnings);
    estimands = List.copyOf(estimands);
  }

  /**
   * Results without estimands (written before plans had them, or built for a test).
   *
   * @deprecated every analysis run has its plan's estimands: pass them
   */
  @Deprecated
  public Results(
      String odtrialVersion,
      int load,
      String loadSha256,
      boolean blinded,
      String planName,
      String planSha256,
      int horizonDays,
      List<Estimate> estimates,
      List<String> warnings) {
    this(
        odtrialVersion,
        load,
        loadSha256,
        blinded,
        planName,
        planSha256,
        horizonDays,
        estimates,
        warnings,
        List.of());
  }

  /**
   * The row of {@code id} that compares the arms: the row's only line, or its {@code difference}
   * line when it has per-arm lines too (RMST). Empty when the results have no such row.
   */
  public Optional<Estimate> contrast(RowId id) {
    Estimate only = null;
    for (Estimate e : estimates) {
      if (!e.id().equals(id)) {
        continue;
      }
      if ("difference".equals(e.arm())) {
        return Optional.of(e);
      }
      if (e.arm() == null && e.timeDays() == null) {
        only = e;
      }
    }
    return Optional.ofNullable(only);
  }
}
