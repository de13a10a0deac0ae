package org.odtrial.analysis.data;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.TrialStore;

/**
 * One load of a store as a record source: the records exactly as they were at that load, in key
 * order.
 */
public final class StoredLoad implements RecordSource {
  private final TrialStore store;
  private final LoadInfo info;

  private StoredLoad(TrialStore store, LoadInfo info) {
    this.store = store;
    this.info = info;
  }

  /** Load {@code load} of {@code store}, or the latest when {@code load} is empty. */
  public static StoredLoad of(TrialStore store, Optional<Integer> load) {
    if (load.isEmpty()) {
      return new StoredLoad(
          store,
          store
              .latestLoad()
              .orElseThrow(
                  () ->
                      new AnalysisException(
                          store.file()
                              + " holds no load yet: run 'odtrial ingest DIR --db "
                              + store.file()
                              + "' first")));
    }
    int n = load.get();
    return new StoredLoad(
        store,
        store.loads().stream()
            .filter(l -> l.load() == n)
            .findFirst()
            .orElseThrow(
                () ->
                    new AnalysisException(
                        "there is no load "
                            + n
                            + " in "
                            + store.file()
                            + (store.latestLoad().isPresent()
                                ? "; loads are 1 to " + store.latestLoad().get().load()
                                : ""))));
  }

  public LoadInfo info() {
    return info;
  }

  @Override
  public void forEach(TrialFile file, Consumer<String[]> action) {
    store.read(file, info.load(), action);
  }

  @Override
  public void forEach(
      TrialFile file, String column, Set<String> values, Consumer<String[]> action) {
    store.read(file, info.load(), column, values, action);
  }
}
