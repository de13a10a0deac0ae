package org.odtrial.analysis.data;

import java.net.URISyntaxException;

/**
 * Test helper for other packages: the example trial's analysis data, derived from its upload
 * folder.
 */
public final class ExampleTrialData {
  private ExampleTrialData() {}

  public static AnalysisData derive(int horizonDays) {
    try {
      return Derivation.of(horizonDays).derive(new CsvFolderSource(DerivationTest.exampleTrial()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
