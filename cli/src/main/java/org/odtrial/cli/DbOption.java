package org.odtrial.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.odtrial.ingest.store.StoreSettings;
import org.odtrial.ingest.store.TrialStore;
import picocli.CommandLine.Option;

/** The store option shared by the commands that read or write a store. */
public final class DbOption {
  @Option(
      names = "--db",
      required = true,
      paramLabel = "STORE",
      description =
          "The odtrial store: the path of a SQLite file (created on the first ingest), or a"
              + " PostgreSQL database as postgresql://USER@HOST:PORT/DATABASE. The password comes"
              + " from PGPASSWORD or the password file ~/.pgpass (PGPASSFILE), as for psql; one in"
              + " the URL is refused.")
  String db;

  /** The help of {@code --wait}, also for {@code queries}, whose {@code --db} is optional. */
  static final String WAIT_HELP =
      "How long to wait for another odtrial command that holds the store (e.g. a second ingest"
          + " waits for the first) before giving up. Default: ${DEFAULT-VALUE}.";

  @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60", description = WAIT_HELP)
  int waitSeconds;

  /** The store as given: a SQLite path or a PostgreSQL URL. */
  public String location() {
    return db;
  }

  /** Whether the store is a database on a PostgreSQL server. */
  public boolean isServer() {
    return TrialStore.isServer(db);
  }

  /** The SQLite file; only for a store that is not on a server. */
  public Path path() {
    return Path.of(db);
  }

  /**
   * Whether the store is a SQLite file that does not exist. A server's database is opened (and says
   * what is wrong) instead.
   */
  public boolean missing() {
    return !isServer() && !Files.isRegularFile(path());
  }

  /** Why the store cannot be opened, when it is {@link #missing()}. */
  public String whyMissing() {
    return whyMissing(db);
  }

  /**
   * Why the SQLite store at {@code location} cannot be opened, when it is not a regular file: not
   * there, or something else than a file in its place.
   */
  static String whyMissing(String location) {
    if (location.isEmpty()) {
      return "--db is empty: give the path of a store file, or a postgresql:// URL";
    }
    Path p = Path.of(location);
    if (Files.isDirectory(p)) {
      return location + " is a folder; give the path of a store file";
    }
    if (Files.exists(p)) {
      return location + " is not a regular file (a pipe or a device), so it cannot be a store";
    }
    return "no such store: " + p;
  }

  /** The store as shown to users: the path as given, or the URL without its parameters. */
  public String display() {
    return display(db);
  }

  /** A store location as shown to users (see {@link #display()}). */
  static String display(String location) {
    return Cli.shown(TrialStore.describe(location));
  }

  /** The store's short name: the file name, or the URL without its parameters. */
  public String shortName() {
    return isServer() ? display() : Cli.shown(path().getFileName());
  }

  /** The store settings these options ask for. */
  public StoreSettings settings() {
    if (waitSeconds < 0) {
      throw new IllegalArgumentException("--wait must be 0 or more seconds, was " + waitSeconds);
    }
    return StoreSettings.DEFAULT.withWait(Duration.ofSeconds(waitSeconds));
  }

  /** Opens the store (a SQLite file must exist: the callers check first). */
  public TrialStore open() {
    return TrialStore.open(db, settings());
  }
}
