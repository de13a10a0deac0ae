package org.odtrial.analysis.data;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.ingest.contract.Column;
import org.odtrial.ingest.contract.ColumnType;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.TrialStore;
import org.odtrial.ingest.store.Verification;
import org.odtrial.ingest.store.VerifiedRead;
import org.odtrial.ingest.validate.Redaction;

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
    // the path of a SQLite file; a store on a server has none, and is named by its URL
    String where = store.file() != null ? store.file().toString() : store.name();
    if (load.isEmpty()) {
      return new StoredLoad(
          store,
          store
              .latestLoad()
              .orElseThrow(
                  () ->
                      new AnalysisException(
                          where
                              + " holds no load yet: run 'odtrial ingest DIR --db "
                              + where
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
                            + where
                            + (store.latestLoad().isPresent()
                                ? "; loads are 1 to " + store.latestLoad().get().load()
                                : ""))));
  }

  public LoadInfo info() {
    return info;
  }

  @Override
  public void forEach(TrialFile file, Consumer<String[]> action) {
    store.read(file, info.load(), screened(file, action));
  }

  /**
   * Verifies the whole store and, in the same pass over its tables, derives this load's analysis
   * data: each record is read once for both (see {@link TrialStore#verifyReading}).
   *
   * @param check given the verification before anything derived is used; throws to refuse the load
   * @return the derived data, if {@code check} returned
   */
  public AnalysisData verifiedDerive(Derivation derivation, Consumer<Verification> check) {
    Derivation.Reader reader = derivation.reader();
    VerifiedRead read = store.verifyReading(info.load(), f -> screened(f, reader.file(f)));
    check.accept(read.verification());
    if (read.readerFailure() != null) {
      throw read.readerFailure();
    }
    return reader.data();
  }

  /**
   * The ids of clusters, sites and participants reach derived.csv and the report, so they are
   * checked again as they are read: a store loaded before odtrial caught an identifier in every
   * disguise may hold one, and it must not be echoed into any output.
   */
  private Consumer<String[]> screened(TrialFile file, Consumer<String[]> action) {
    if (file != TrialFile.CLUSTERS && file != TrialFile.PARTICIPANTS) {
      return action;
    }
    List<Column> columns = file.columns();
    return values -> {
      for (int i = 0; i < values.length; i++) {
        if (columns.get(i).type() != ColumnType.ID) {
          continue;
        }
        String kind = Redaction.identifierIn(values[i]);
        if (kind != null) {
          throw new AnalysisException(
              String.format(
                  Locale.ROOT,
                  "load %d holds a %s value that looks like %s in %s: it was stored by an odtrial"
                      + " that did not yet recognise it. Nothing was computed, so it is repeated"
                      + " in no output; correct the upload at the site and ingest it again",
                  info.load(),
                  columns.get(i).name(),
                  kind,
                  file.fileName()));
        }
      }
      action.accept(values);
    };
  }

  @Override
  public void forEach(
      TrialFile file, String column, Set<String> values, Consumer<String[]> action) {
    store.read(file, info.load(), column, values, action);
  }
}
