package org.odtrial.ingest.generate.internal;

import org.odtrial.ingest.contract.TrialFile;

/** A row sink that counts the rows it has taken per file (a row's line is its count + 1). */
public interface CountingSink extends RowSink {
  /** Data rows taken so far for {@code file}. */
  long rows(TrialFile file);
}
