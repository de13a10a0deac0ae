package org.odtrial.analysis.data;

/** Test helper for other packages: the example trial's analysis data, derived from its upload. */
public final class ExampleTrialData {
  private ExampleTrialData() {}

  public static AnalysisData derive(int horizonDays) {
    return Derivation.of(horizonDays).derive(ExampleTrialSource.upload());
  }
}
