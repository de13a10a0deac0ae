package org.odtrial.ingest.generate.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.odtrial.ingest.contract.TrialFile;

/** The rows of an upload kept in memory, per file in the order generated. */
public final class RowLists implements CountingSink {
  private final Map<TrialFile, List<String[]>> rows = new EnumMap<>(TrialFile.class);

  public RowLists() {
    for (TrialFile file : TrialFile.values()) {
      rows.put(file, new ArrayList<>());
    }
  }

  @Override
  public void row(TrialFile file, String[] cells) {
    rows.get(file).add(cells);
  }

  @Override
  public long rows(TrialFile file) {
    return rows.get(file).size();
  }

  /** The lists themselves (not copied). */
  public Map<TrialFile, List<String[]>> lists() {
    return rows;
  }
}
