package org.odtrial.analysis.data;

import java.util.function.Consumer;
import org.odtrial.ingest.contract.TrialFile;

/**
 * Where the records of one upload come from: a stored load, or a folder of CSV files. Values arrive
 * in the canonical column order of {@link TrialFile#columns()}, with null for a missing value.
 */
@FunctionalInterface
public interface RecordSource {
  void forEach(TrialFile file, Consumer<String[]> action);
}
