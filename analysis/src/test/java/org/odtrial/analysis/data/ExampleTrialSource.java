package org.odtrial.analysis.data;

/**
 * The example trial's upload (copied unchanged from shared/specs/example-trial) as a record source,
 * read from the classpath (a folder in this module's tests, the test jar in the report module's).
 */
public final class ExampleTrialSource {
  private ExampleTrialSource() {}

  public static RecordSource upload() {
    return CsvFolderSource.ofResource("/example-trial/upload");
  }
}
