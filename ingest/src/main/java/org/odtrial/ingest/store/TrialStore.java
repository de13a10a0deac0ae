package org.odtrial.ingest.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.internal.Dialect;
import org.odtrial.ingest.store.internal.History;
import org.odtrial.ingest.store.internal.Migrator;
import org.odtrial.ingest.store.internal.PostgresLocation;
import org.odtrial.ingest.store.internal.QueryTables;
import org.odtrial.ingest.store.internal.RecordDiff;
import org.odtrial.ingest.store.internal.Roles;
import org.odtrial.ingest.store.internal.SchemaCheck;
import org.odtrial.ingest.store.internal.Seals;
import org.odtrial.ingest.store.internal.Sql;
import org.odtrial.ingest.store.internal.SqliteLoadWriter;
import org.odtrial.ingest.store.internal.StoredFindings;
import org.odtrial.ingest.store.internal.StoredTable;
import org.odtrial.ingest.store.internal.Verifier;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.FindingReport;

/**
 * The versioned store of a trial's uploads: one SQLite file, or one PostgreSQL database, holding
 * every committed load, each file's records as temporal rows ({@code valid_from}/{@code valid_to}
 * load numbers), and each load's metadata and warnings. Both databases run the same code and SQL;
 * what differs between them is in {@code internal.Dialect}.
 *
 * <p>One store object owns one connection and is not thread-safe. While a {@link LoadWriter} is
 * open the store refuses other calls.
 */
public final class TrialStore implements AutoCloseable {
  private final Path file;
  private final String where;
  private final Handle handle;
  private final Connection connection;
  private final int schemaVersion;
  private LoadWriter openLoad;

  private TrialStore(Path file, String where, Handle handle, int schemaVersion) {
    this.file = file;
    this.where = where;
    this.handle = handle;
    this.connection = handle.getConnection();
    this.schemaVersion = schemaVersion;
  }

  /**
   * Opens the store at {@code location}: a {@code postgresql://} URL (see {@link #openServer}) or
   * the path of a SQLite file (see {@link #open(Path, StoreSettings)}). Passwords come from the
   * process environment ({@code PGPASSWORD}) or the password file, never from the URL.
   */
  public static TrialStore open(String location, StoreSettings settings) {
    if (PostgresLocation.isUrl(location)) {
      return openServer(location, settings, System.getenv());
    }
    return open(Path.of(location), settings);
  }

  /** Whether {@code location} names a store on a PostgreSQL server ({@code postgresql://...}). */
  public static boolean isServer(String location) {
    return PostgresLocation.isUrl(location);
  }

  /**
   * How a store location is shown to users: a path as given, a server's URL as {@code
   * postgresql://user@host:port/database} (never with a password: one in the URL is refused).
   */
  public static String describe(String location) {
    return isServer(location)
        ? PostgresLocation.parse(location, System.getenv()).display()
        : location;
  }

  /**
   * Opens the store in a PostgreSQL database, creating its schema {@code main} if the database has
   * none, migrating an older one. The URL is libpq's ({@code
   * postgresql://user@host:port/database}); the password comes from {@code PGPASSWORD} in {@code
   * env} or from the password file ({@code PGPASSFILE}, default {@code ~/.pgpass} under {@code
   * HOME}), never from the URL.
   *
   * @throws StoreException if the server cannot be reached, refuses the user, or the database holds
   *     a schema main that is not an odtrial store or is newer than this odtrial knows
   */
  public static TrialStore openServer(String url, StoreSettings settings, Map<String, String> env) {
    PostgresLocation location = PostgresLocation.parse(url, env);
    String where = location.display();
    Connection connection;
    try {
      connection = location.connect(settings, env);
    } catch (SQLException e) {
      throw new StoreException("cannot connect to " + where + ": " + e.getMessage(), e);
    }
    Handle handle = Jdbi.open(connection);
    try {
      int version = Migrator.migrate(connection, where);
      SchemaCheck.verify(connection, where);
      return new TrialStore(null, where, handle, version);
    } catch (SQLException e) {
      handle.close();
      throw Sql.writeFailure(connection, "open the store " + where, e);
    } catch (RuntimeException e) {
      handle.close();
      throw e;
    }
  }

  /** Opens (creating or migrating as needed) the store in {@code dbFile} with default settings. */
  public static TrialStore open(Path dbFile) {
    return open(dbFile, StoreSettings.DEFAULT);
  }

  /**
   * Opens the store in {@code dbFile}: a missing or empty file becomes a new store, an older store
   * is migrated. A hot journal left by a killed load is rolled back by SQLite on first access.
   *
   * @throws StoreException if the file is not a SQLite database, is a SQLite database of something
   *     else, or has a schema newer than this odtrial knows; the file is not changed then
   */
  public static TrialStore open(Path dbFile, StoreSettings settings) {
    Path path = dbFile.toAbsolutePath().normalize();
    String where = path.toString();
    if (Files.isDirectory(path)) {
      throw new StoreException(where + " is a directory; give the path of a store file");
    }
    if (path.getParent() == null || !Files.isDirectory(path.getParent())) {
      throw new StoreException("the folder of " + where + " does not exist");
    }
    if (Files.exists(path) && !Files.isRegularFile(path)) {
      throw new StoreException(where + " is not a regular file, so it cannot be a store");
    }
    try {
      if (Files.exists(path) && Files.size(path) == 0) {
        throw new StoreException(
            where
                + " is empty (0 bytes): it is not an odtrial store. Give the path of a store, or"
                + " ingest into a path that does not exist yet to create one");
      }
    } catch (java.io.IOException e) {
      throw new StoreException("cannot read " + where + ": " + e.getMessage(), e);
    }
    Connection connection;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + where);
    } catch (SQLException e) {
      throw new StoreException("cannot open " + where + ": " + e.getMessage(), e);
    }
    Handle handle = Jdbi.open(connection);
    try {
      configure(connection, settings);
      int version;
      try {
        version = Migrator.migrate(connection, where);
      } catch (SQLException e) {
        int code = Sql.primaryCode(e);
        if (code == Sql.SQLITE_READONLY || code == Sql.SQLITE_BUSY) {
          throw new StoreException(
              code == Sql.SQLITE_BUSY ? StoreException.Kind.BUSY : StoreException.Kind.READ_ONLY,
              String.format(
                  Locale.ROOT,
                  "%s was written by an older odtrial (store schema version %d) and must be"
                      + " upgraded to version %d first, which needs to write to it: %s",
                  where,
                  Migrator.currentVersion(connection, where),
                  Migrator.latestVersion(),
                  code == Sql.SQLITE_BUSY
                      ? "another odtrial command is using it, try again when it has finished"
                      : "it is read-only here; open it once with write access"),
              e);
        }
        throw e;
      }
      SchemaCheck.verify(connection, where);
      return new TrialStore(path, where, handle, version);
    } catch (SQLException e) {
      handle.close();
      int code = Sql.primaryCode(e);
      if (code == Sql.SQLITE_NOTADB || code == Sql.SQLITE_CORRUPT) {
        throw new StoreException(
            where
                + " is not an odtrial store, or is damaged: it is not a readable SQLite database"
                + " ("
                + e.getMessage()
                + ")",
            e);
      }
      if (code == Sql.SQLITE_BUSY) {
        throw new StoreException(
            StoreException.Kind.BUSY,
            where + " is being written by another odtrial command; try again when it has finished",
            e);
      }
      throw new StoreException("cannot open store " + where + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      handle.close();
      throw e;
    }
  }

  /** The highest schema version this odtrial can read and write. */
  public static int supportedSchemaVersion() {
    return Migrator.latestVersion();
  }

  /** The SQLite file of the store, or null for a store on a PostgreSQL server. */
  public Path file() {
    return file;
  }

  /**
   * How the store is named to users: the SQLite file's name, or the server's URL (which never holds
   * a password).
   */
  public String name() {
    return file == null ? where : file.getFileName().toString();
  }

  public int schemaVersion() {
    return schemaVersion;
  }

  /** Starts a load: one write transaction that lasts until the writer commits or aborts. */
  public LoadWriter beginLoad(LoadMetadata meta) {
    requireNoOpenLoad();
    openLoad = SqliteLoadWriter.begin(connection, meta, () -> openLoad = null);
    return openLoad;
  }

  /** The last committed load, if any. */
  public Optional<LoadInfo> latestLoad() {
    List<LoadInfo> all = loads();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * SHA-256 of the last committed upload: equal to a new upload's means it would change nothing.
   */
  public Optional<String> sha256OfLatest() {
    requireNoOpenLoad();
    return reading(
        "read the latest load",
        () ->
            handle
                .createQuery("SELECT upload_sha256 FROM loads ORDER BY load DESC LIMIT 1")
                .mapTo(String.class)
                .findOne());
  }

  /** Every committed load, oldest first. */
  public List<LoadInfo> loads() {
    requireNoOpenLoad();
    return reading("read the loads", this::readLoads);
  }

  private List<LoadInfo> readLoads() {
    Map<Integer, Map<TrialFile, FileStats>> files = new HashMap<>();
    handle
        .createQuery("SELECT load, file, sha256, rows, added, changed, removed FROM load_files")
        .map(
            (rs, ctx) ->
                new FileRow(
                    rs.getInt("load"),
                    trialFile(rs.getString("file")),
                    new FileStats(
                        rs.getString("sha256"),
                        rs.getLong("rows"),
                        rs.getLong("added"),
                        rs.getLong("changed"),
                        rs.getLong("removed"))))
        .forEach(
            r ->
                files
                    .computeIfAbsent(r.load(), k -> new EnumMap<>(TrialFile.class))
                    .put(r.file(), r.stats()));
    return handle
        .createQuery(
            "SELECT load, upload_sha256, loaded_at, os_user, tool_version, contract_version,"
                + " site FROM loads ORDER BY load")
        .map(
            (rs, ctx) ->
                new LoadInfo(
                    rs.getInt("load"),
                    rs.getString("upload_sha256"),
                    Instant.parse(rs.getString("loaded_at")),
                    rs.getString("os_user"),
                    rs.getString("tool_version"),
                    rs.getInt("contract_version"),
                    files.getOrDefault(rs.getInt("load"), Map.of()),
                    rs.getString("site")))
        .list();
  }

  /** The warnings stored with a load, in report order (read into memory; see {@link #findings}). */
  public List<Finding> warnings(int load) {
    List<Finding> out = new ArrayList<>();
    try {
      findings(load).forEach(null, out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // adding to a list does not fail
    }
    return out;
  }

  /**
   * The findings stored with a load (its warnings) and its per-rule counts, streamed from the store
   * while it is open.
   */
  public FindingReport findings(int load) {
    requireLoad(load);
    return reading("read the findings of load " + load, () -> new StoredFindings(connection, load));
  }

  /**
   * Streams the current data queries: by site (queries without a site last), then those raised by
   * the latest load in report order, then older ones.
   *
   * @param site null for every site, "" for queries without a site, else one site's
   */
  public void queries(String site, Consumer<Query> consumer) {
    requireNoOpenLoad();
    reading(
        "read the queries",
        () -> {
          QueryTables.current(connection, site, null, consumer);
          return null;
        });
  }

  /** Per site ("" for queries without a site), how many current queries are in each status. */
  public Map<String, Map<QueryStatus, Long>> queryCounts() {
    requireNoOpenLoad();
    return reading("count the queries", () -> QueryTables.counts(connection));
  }

  /** The current state of one query, if the store has it. */
  public Optional<Query> query(String id) {
    requireNoOpenLoad();
    List<Query> found = new ArrayList<>();
    reading(
        "read query " + id,
        () -> {
          QueryTables.current(connection, null, id, found::add);
          return null;
        });
    return found.stream().findFirst();
  }

  /** Every version of a query, oldest first (empty if the store never had it). */
  public List<QueryVersion> queryHistory(String id) {
    requireNoOpenLoad();
    return reading("read the history of query " + id, () -> QueryTables.history(connection, id));
  }

  /**
   * Records answers to queries in one transaction and one revision of the query history. Answering
   * a root cause answers its pending consequences too; an answer equal to the query's current one
   * changes nothing.
   *
   * @param action {@code answer} (one given on the command line) or {@code import} (a file)
   * @param detail what to record about where the answers came from
   * @return how many queries changed
   * @throws StoreException if a query is unknown or resolved; then nothing is recorded
   */
  public int answer(
      List<QueryAnswer> answers, Instant at, String user, String action, String detail) {
    requireNoOpenLoad();
    if (loads().isEmpty()) {
      throw new StoreException(file + " holds no load, so no query to answer");
    }
    return write(
        "record the answers",
        () -> QueryTables.answer(connection, answers, at, user, action, detail));
  }

  /**
   * Streams the records of {@code trialFile} that differ between load {@code from} and load {@code
   * to}, by key: added, removed, and changed (with both versions).
   *
   * @return the number of changes
   */
  public long diff(TrialFile trialFile, int from, int to, Consumer<RecordChange> consumer) {
    requireLoad(from);
    requireLoad(to);
    return reading(
        String.format(
            Locale.ROOT, "compare %s between loads %d and %d", trialFile.fileName(), from, to),
        () -> RecordDiff.diff(connection, trialFile, from, to, consumer));
  }

  /**
   * Streams the records of one file as they were at a load, ordered by the file's key, each as its
   * values in canonical column order exactly as uploaded (null for a missing value). Memory use
   * does not depend on the number of records.
   *
   * @return the number of records passed to {@code consumer}
   */
  public long read(TrialFile trialFile, int load, Consumer<String[]> consumer) {
    return read(trialFile, load, null, List.of(), consumer);
  }

  /**
   * As {@link #read(TrialFile, int, Consumer)}, only the records whose {@code column} holds one of
   * {@code values} (e.g. the outcomes of the instruments an analysis uses), selected by SQLite so
   * the others are never read.
   *
   * @param column a column of {@code trialFile}, or null for every record
   */
  public long read(
      TrialFile trialFile,
      int load,
      String column,
      Collection<String> values,
      Consumer<String[]> consumer) {
    requireLoad(load);
    StoredTable table = StoredTable.of(trialFile);
    String filter = "";
    if (column != null) {
      if (trialFile.indexOf(column) < 0) {
        throw new StoreException(trialFile.fileName() + " has no column " + column);
      }
      filter =
          " AND "
              + column
              + " IN ("
              + String.join(", ", Collections.nCopies(values.size(), "?"))
              + ")";
    }
    String sql =
        "SELECT "
            + table.dataColumnList()
            + " FROM "
            + table.name()
            + " WHERE "
            + StoredTable.VALID_FROM
            + " <= ? AND ("
            + StoredTable.VALID_TO
            + " IS NULL OR "
            + StoredTable.VALID_TO
            + " > ?)"
            + filter
            + " ORDER BY "
            + String.join(", ", table.keyColumns());
    long count = 0;
    Dialect dialect = Dialect.of(connection);
    boolean began = false;
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      began = dialect.beginRead(connection);
      ps.setInt(1, load);
      ps.setInt(2, load);
      int parameter = 3;
      for (String v : column == null ? List.<String>of() : values) {
        ps.setString(parameter++, v);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          consumer.accept(table.read(rs));
          count++;
        }
      }
    } catch (SQLException e) {
      throw new StoreException(
          kindOf(e),
          "cannot read "
              + trialFile.fileName()
              + " of load "
              + load
              + " from "
              + where
              + ": "
              + e.getMessage(),
          e);
    } finally {
      if (began) {
        endRead(dialect);
      }
    }
    return count;
  }

  /**
   * The label that hides the OD arm in blinded outputs ({@code Arm A} or {@code Arm B}), drawn at
   * random the first time it is asked for and kept in the store so every blinded output of the
   * trial uses the same labels; its creation is recorded (and sealed) in the history. The label is
   * never written into any output. A store that already has its key is only read.
   */
  public String blindedOdLabel(Instant at, String user) {
    requireNoOpenLoad();
    Optional<String> existing = blindingKey();
    if (existing.isPresent()) {
      return existing.get();
    }
    return write(
        "create the blinding key",
        () -> {
          Optional<String> raced = blindingKey();
          if (raced.isPresent()) {
            return raced.get();
          }
          String label = new SecureRandom().nextBoolean() ? "Arm A" : "Arm B";
          try (PreparedStatement ps =
              connection.prepareStatement("INSERT INTO blinding (id, od_label) VALUES (1, ?)")) {
            ps.setString(1, label);
            ps.executeUpdate();
          }
          History.record(
              connection,
              Seals.BLINDING_KEY_CREATED,
              at,
              user,
              "arm labels for blinded outputs drawn at random");
          return label;
        });
  }

  /**
   * Reveals which label hides the OD arm and records (and seals) the unblinding in the history.
   * Unblinding is allowed once the trial is locked ({@link #lock}); before that only when {@code
   * force} is given, and the history then says it was forced.
   *
   * @return the OD arm's label, or empty if no blinded output was ever made (nothing to unblind)
   * @throws StoreException REFUSED when the trial is not locked and {@code force} is false
   */
  public Optional<String> unblind(Instant at, String user, String reason, boolean force) {
    requireNoOpenLoad();
    if (blindingKey().isEmpty()) {
      return Optional.empty();
    }
    return write(
        "record the unblinding",
        () -> {
          Optional<HistoryEvent> lock = History.lock(connection);
          if (lock.isEmpty() && !force) {
            throw new StoreException(
                StoreException.Kind.REFUSED,
                "the trial is not locked: lock the database before unblinding ('odtrial lock"
                    + " --reason ...'), or give --force to unblind before the lock (the history"
                    + " will say so)");
          }
          History.record(
              connection,
              "unblinded",
              at,
              user,
              lock.isPresent() ? reason : "forced before the database lock: " + reason);
          return blindingKey();
        });
  }

  /**
   * Locks the trial: from now on nothing can be ingested, and unblinding is allowed. Recorded and
   * sealed in the history with the reason.
   *
   * @throws StoreException REFUSED when it is locked already
   */
  public HistoryEvent lock(Instant at, String user, String reason) {
    requireNoOpenLoad();
    return write(
        "lock the trial",
        () -> {
          Optional<HistoryEvent> lock = History.lock(connection);
          if (lock.isPresent()) {
            throw new StoreException(
                StoreException.Kind.REFUSED,
                String.format(
                    Locale.ROOT,
                    "the trial is locked already (since %s, by %s: %s)",
                    lock.get().at(),
                    lock.get().user(),
                    lock.get().detail()));
          }
          long seq = History.record(connection, History.LOCKED, at, user, reason);
          return new HistoryEvent(seq, History.LOCKED, at, user, reason);
        });
  }

  /**
   * Unlocks a locked trial so that data can be ingested again (e.g. to resolve a late query);
   * recorded and sealed with the reason.
   *
   * @throws StoreException REFUSED when it is not locked
   */
  public HistoryEvent unlock(Instant at, String user, String reason) {
    requireNoOpenLoad();
    return write(
        "unlock the trial",
        () -> {
          if (History.lock(connection).isEmpty()) {
            throw new StoreException(StoreException.Kind.REFUSED, "the trial is not locked");
          }
          long seq = History.record(connection, History.UNLOCKED, at, user, reason);
          return new HistoryEvent(seq, History.UNLOCKED, at, user, reason);
        });
  }

  /**
   * Sets up the trial's database roles on a PostgreSQL store (docs/deployment.md): the four group
   * roles {@code odtrial_site_data_manager}, {@code odtrial_trial_manager}, {@code
   * odtrial_blinded_statistician} and {@code odtrial_unblinded_statistician}, their privileges and
   * row-level security by site, and the sites of each site data manager (a login role made a member
   * of the site data managers). Idempotent; run by the owner of the store's schema with the right
   * to create roles. Recorded (and sealed) in the history.
   *
   * @param siteManagers login role to the sites it manages (may be empty)
   * @throws StoreException REFUSED for a SQLite store (a file has no database roles); FORBIDDEN
   *     when the connected role may not create roles or grant on the store
   */
  public void initRoles(Instant at, String user, Map<String, List<String>> siteManagers) {
    requireNoOpenLoad();
    if (file != null) {
      throw new StoreException(
          StoreException.Kind.REFUSED,
          "roles are enforced by a PostgreSQL server; a SQLite file has no database roles (give"
              + " --db a postgresql:// URL)");
    }
    write(
        "set up the roles",
        () -> {
          Roles.apply(connection, siteManagers);
          StringBuilder detail = new StringBuilder("database roles and row-level security set up");
          siteManagers.forEach(
              (member, sites) ->
                  detail
                      .append("; ")
                      .append(member)
                      .append(" manages ")
                      .append(String.join(", ", sites)));
          History.record(connection, "roles-set-up", at, user, detail.toString());
          return null;
        });
  }

  /** The event that locked the trial, if it is locked. */
  public Optional<HistoryEvent> lockState() {
    requireNoOpenLoad();
    return reading("read the lock state", () -> History.lock(connection));
  }

  /** Records (and seals) an event, e.g. an unblinded report of a blinded trial, in the history. */
  public void recordEvent(String event, Instant at, String user, String detail) {
    requireNoOpenLoad();
    write(
        "record " + event,
        () -> {
          History.record(connection, event, at, user, detail);
          return null;
        });
  }

  /** Whether blinded outputs have been made from this store (a blinding key exists). */
  public boolean hasBlindingKey() {
    requireNoOpenLoad();
    return blindingKey().isPresent();
  }

  private Optional<String> blindingKey() {
    return reading(
        "read the blinding key",
        () -> {
          try (PreparedStatement ps =
                  connection.prepareStatement("SELECT od_label FROM blinding WHERE id = 1");
              ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
          }
        });
  }

  /** The history of events, oldest first. */
  public List<HistoryEvent> history() {
    requireNoOpenLoad();
    return reading(
        "read the history",
        () -> {
          List<HistoryEvent> events = new java.util.ArrayList<>();
          try (PreparedStatement ps =
                  connection.prepareStatement(
                      "SELECT seq, event, at, os_user, detail FROM history ORDER BY seq");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              events.add(History.event(rs));
            }
          }
          return events;
        });
  }

  /**
   * Recomputes the seal of every load and event from the store's content and checks the chain, link
   * by link. Reads the whole store once.
   */
  public Verification verify() {
    requireNoOpenLoad();
    return reading("verify the store", () -> Verifier.verify(connection));
  }

  /**
   * {@link #verify()} and {@link #read(TrialFile, int, Consumer)} of every file of {@code load} in
   * one ordered pass over the record tables, so that each record is read once for both: {@code
   * reader.apply(file)} is called for each file in {@link TrialFile} order and its consumer gets
   * the file's records of the load in key order, each exactly as {@code read} gives it, on the
   * calling thread. Clusters and participants come first and whole; the consumers of admissions,
   * outcomes and network meetings are then asked for together and may get their records interleaved
   * (those tables are read at once), so they must not depend on one another; if several throw,
   * {@link VerifiedRead#readerFailure()} is that of the earliest file. The records are handed over
   * before the verdict is known: whoever builds on them must check {@link
   * VerifiedRead#verification()} before using what they built.
   */
  public VerifiedRead verifyReading(int load, Function<TrialFile, Consumer<String[]>> reader) {
    requireNoOpenLoad();
    requireLoad(load);
    return reading(
        "verify the store",
        () -> {
          Verifier.Read r = Verifier.verifyReading(connection, load, reader);
          return new VerifiedRead(r.verification(), r.failure());
        });
  }

  /**
   * The chain of sealed entries, oldest first: each load, event and revision of the query history
   * with its link, as {@code odtrial history} lists them.
   */
  public List<SealedEntry> chain() {
    requireNoOpenLoad();
    Map<Integer, LoadInfo> loads = new HashMap<>();
    loads().forEach(l -> loads.put(l.load(), l));
    Map<Long, HistoryEvent> events = new HashMap<>();
    history().forEach(e -> events.put(e.seq(), e));
    return reading(
        "read the seals",
        () -> {
          Map<Long, SealedEntry.Revision> revisions = new HashMap<>();
          try (PreparedStatement ps =
                  connection.prepareStatement(
                      "SELECT revision, load, at, os_user, action, detail FROM query_revisions");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              revisions.put(
                  rs.getLong(1),
                  new SealedEntry.Revision(
                      rs.getLong(1),
                      rs.getInt(2),
                      Instant.parse(rs.getString(3)),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6)));
            }
          }
          List<SealedEntry> entries = new java.util.ArrayList<>();
          try (PreparedStatement ps =
                  connection.prepareStatement(
                      "SELECT seq, kind, ref, link FROM seals ORDER BY seq");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String kind = rs.getString(2);
              long ref = rs.getLong(3);
              entries.add(
                  new SealedEntry(
                      rs.getLong(1),
                      Seals.LOAD.equals(kind) ? loads.get((int) ref) : null,
                      Seals.EVENT.equals(kind) ? events.get(ref) : null,
                      Seals.REVISION.equals(kind) ? revisions.get(ref) : null,
                      rs.getString(4)));
            }
          }
          return entries;
        });
  }

  /** Work inside one write transaction. */
  @FunctionalInterface
  private interface Work<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work} in one write transaction (waiting for another writer up to the settings'
   * wait), rolled back on any failure.
   */
  private <T> T write(String what, Work<T> work) {
    Sql.beginWrite(connection, what);
    try {
      T result = work.run();
      Sql.commit(connection, what);
      return result;
    } catch (SQLException e) {
      rollback(e);
      throw Sql.writeFailure(connection, what, e);
    } catch (RuntimeException e) {
      rollback(e);
      throw e;
    }
  }

  private void rollback(Exception cause) {
    try {
      Sql.rollback(connection);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Runs a read; a value that is not as odtrial wrote it (a store edited outside odtrial) becomes a
   * clear failure rather than an internal error.
   */
  private <T> T reading(String what, Work<T> work) {
    Dialect dialect = Dialect.of(connection);
    boolean began = false;
    try {
      began = dialect.beginRead(connection);
      return work.run();
    } catch (StoreException e) {
      throw e;
    } catch (SQLException | RuntimeException e) {
      SQLException sql = sqlCause(e);
      if (sql != null) {
        throw new StoreException(
            kindOf(sql), "cannot " + what + " of " + where + ": " + sql.getMessage(), e);
      }
      // a value odtrial did not write: a time that is not a time, an unknown file or severity
      throw new StoreException(
          StoreException.Kind.TAMPERED,
          "cannot "
              + what
              + " of "
              + where
              + ": a value is not as odtrial wrote it ("
              + e.getMessage()
              + "); the store was changed outside odtrial, run 'odtrial verify'",
          e);
    } finally {
      if (began) {
        endRead(dialect);
      }
    }
  }

  private void endRead(Dialect dialect) {
    try {
      dialect.endRead(connection);
    } catch (SQLException e) {
      throw new StoreException("cannot end a read of " + where + ": " + e.getMessage(), e);
    }
  }

  private StoreException.Kind kindOf(SQLException e) {
    return switch (Dialect.of(connection).failure(e)) {
      case BUSY -> StoreException.Kind.BUSY;
      case FORBIDDEN -> StoreException.Kind.FORBIDDEN;
      default -> StoreException.Kind.OTHER;
    };
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  /** Closes the store, aborting an open load. */
  @Override
  public void close() {
    if (openLoad != null) {
      openLoad.abort();
    }
    handle.close();
  }

  private void requireNoOpenLoad() {
    if (openLoad != null) {
      throw new StoreException(
          "load " + openLoad.loadNumber() + " is open; commit or abort it first");
    }
  }

  private void requireLoad(int load) {
    requireNoOpenLoad();
    boolean exists =
        handle
                .createQuery("SELECT count(*) FROM loads WHERE load = :load")
                .bind("load", load)
                .mapTo(Integer.class)
                .one()
            == 1;
    if (!exists) {
      throw new StoreException(
          String.format(Locale.ROOT, "%s has no load %d (loads: %d)", where, load, loads().size()));
    }
  }

  private record FileRow(int load, TrialFile file, FileStats stats) {}

  private static TrialFile trialFile(String fileName) {
    for (TrialFile f : TrialFile.values()) {
      if (f.fileName().equals(fileName)) {
        return f;
      }
    }
    throw new StoreException("the store names a file this odtrial does not know: " + fileName);
  }

  /**
   * Rollback journal (journal_mode=DELETE) rather than WAL: the database stays one self-contained
   * file, a killed load leaves a hot journal that restores the file byte for byte on next open, and
   * a huge load does not grow a WAL as big as itself. synchronous=FULL makes that guarantee hold
   * across power loss too; it costs a few fsyncs per load, not per row. TEMP tables (staging) live
   * in a file-backed temp database with the same bounded cache, so a large upload spills to disk
   * instead of growing memory.
   */
  private static void configure(Connection connection, StoreSettings settings) throws SQLException {
    Sql.exec(
        connection,
        "PRAGMA busy_timeout = " + Math.min(Integer.MAX_VALUE, settings.waitFor().toMillis()));
    Sql.exec(connection, "PRAGMA journal_mode = DELETE");
    Sql.exec(connection, "PRAGMA synchronous = FULL");
    Sql.exec(connection, "PRAGMA temp_store = FILE");
    Sql.exec(connection, "PRAGMA main.cache_size = -" + settings.cacheKib());
    Sql.exec(connection, "PRAGMA temp.cache_size = -" + settings.cacheKib());
    Sql.exec(connection, "PRAGMA foreign_keys = ON");
    // lets SQLite sort with a helper thread when it builds an index at commit (the target machine
    // has 2 cores)
    Sql.exec(connection, "PRAGMA threads = 2");
  }
}
