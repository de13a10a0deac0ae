package org.odtrial.cli;

import java.nio.file.Path;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.PlanReader;
import picocli.CommandLine.Option;

/**
 * Which analysis plan a command runs: shared by {@code analyse}, {@code report} and {@code
 * simulate}.
 */
public final class PlanOptions {
  @Option(
      names = "--plan",
      paramLabel = "FILE",
      description =
          "Analysis plan (JSON); default: the plan that ships with odtrial ('odtrial plan"
              + " --default').")
  Path planFile;

  @Option(
      names = "--horizon-days",
      paramLabel = "N",
      description = "Override the plan's horizon_days.")
  Integer horizonDays;

  /** The plan these options name. */
  AnalysisPlan plan() {
    AnalysisPlan plan = planFile == null ? AnalysisPlan.defaults() : PlanReader.read(planFile);
    return horizonDays == null ? plan : plan.withHorizonDays(horizonDays);
  }
}
