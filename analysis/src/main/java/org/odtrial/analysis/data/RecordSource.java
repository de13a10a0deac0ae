package org.odtrial.analysis.data;

import java.util.Set;
import java.util.function.Consumer;
import org.odtrial.ingest.contract.TrialFile;

/**
 * Where the records of one upload come from: a stored load, or a folder of CSV files. Values arrive
 * in the canonical column order of {@link TrialFile#columns()}, with null for a missing value.
 */
@FunctionalInterface
public interface RecordSource {
  void forEach(TrialFile file, Consumer<String[]> action);

  /**
   * Only the records whose {@code column} holds one of {@code values}; a source that can select
   * them without reading the others (a stored load) overrides this.
   */
  default void forEach(
      TrialFile file, String column, Set<String> values, Consumer<String[]> action) {
    int i = file.indexOf(column);
    forEach(
        file,
        v -> {
          if (values.contains(v[i])) {
            action.accept(v);
          }
        });
  }
}
