package org.odtrial.ingest.generate.internal;

import org.odtrial.ingest.contract.TrialFile;

/** Receives generated rows, cells in the canonical column order of the file (null = empty cell). */
public interface RowSink {
  void row(TrialFile file, String[] cells);
}
