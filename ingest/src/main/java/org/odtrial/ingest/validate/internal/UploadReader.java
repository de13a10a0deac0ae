package org.odtrial.ingest.validate.internal;

import java.nio.file.Path;
import java.util.Map;
import org.odtrial.ingest.RecordSink;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.FileSummary;

/**
 * Reads the five files in contract order, sharing what later files need to know about earlier ones.
 */
public final class UploadReader {
  private final Findings findings;

  public UploadReader(Findings findings) {
    this.findings = findings;
  }

  public void read(Path dir, RecordSink sink, Map<TrialFile, FileSummary> summaries) {
    TrialState state = new TrialState();
    for (TrialFile file : TrialFile.values()) {
      FileSummary s =
          new CsvFileReader(file, findings).read(dir, FileChecker.of(file, state, findings), sink);
      if (s != null) {
        summaries.put(file, s);
      }
    }
  }
}
