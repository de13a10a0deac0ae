package org.odtrial.ingest.generate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.odtrial.ingest.contract.TrialFile;

/**
 * A synthetic trial held in memory instead of written to files: per file, the rows exactly as
 * {@link TrialGenerator#writeTo} would write them (cells in the canonical column order of {@link
 * TrialFile#columns()}, null for an empty cell), in the same order. For simulations that analyse
 * many small trials without a CSV round trip; its memory grows with the trial.
 *
 * @param summary what was generated
 * @param rows the rows of each file; the cell arrays are shared, not copied: do not change them
 */
public record GeneratedTrial(GenerationSummary summary, Map<TrialFile, List<String[]>> rows) {

  public GeneratedTrial {
    EnumMap<TrialFile, List<String[]>> copy = new EnumMap<>(TrialFile.class);
    for (TrialFile file : TrialFile.values()) {
      copy.put(file, List.copyOf(rows.getOrDefault(file, List.of())));
    }
    rows = Collections.unmodifiableMap(copy);
  }

  /** Each row of {@code file}, in order. */
  public void forEach(TrialFile file, Consumer<String[]> action) {
    rows.get(file).forEach(action);
  }
}
