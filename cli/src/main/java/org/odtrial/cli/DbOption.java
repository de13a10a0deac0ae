package org.odtrial.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.odtrial.ingest.store.StoreSettings;
import org.odtrial.ingest.store.TrialStore;
import picocli.CommandLine.Option;

/** The store file option shared by the commands that read or write a store. */
public final class DbOption {
  @Option(
      names = "--db",
      required = true,
      paramLabel = "FILE",
      description = "The odtrial store (a SQLite file); created on the first ingest.")
  Path db;

  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "How long to wait for another odtrial command that holds the store (e.g. a second ingest"
              + " waits for the first) before giving up. Default: ${DEFAULT-VALUE}.")
  int waitSeconds;

  public Path path() {
    return db;
  }

  /** The store settings these options ask for. */
  public StoreSettings settings() {
    if (waitSeconds < 0) {
      throw new IllegalArgumentException("--wait must be 0 or more seconds, was " + waitSeconds);
    }
    return StoreSettings.DEFAULT.withWait(Duration.ofSeconds(waitSeconds));
  }

  /** Opens the store (which must exist: the callers check first). */
  public TrialStore open() {
    return TrialStore.open(db, settings());
  }
}
