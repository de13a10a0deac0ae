package org.odtrial.analysis.data;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The example trial's upload (copied unchanged from shared/specs/example-trial) as a record source.
 */
public final class ExampleTrialSource {
  private ExampleTrialSource() {}

  public static RecordSource upload() {
    try {
      return new CsvFolderSource(
          Path.of(ExampleTrialSource.class.getResource("/example-trial/upload").toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
