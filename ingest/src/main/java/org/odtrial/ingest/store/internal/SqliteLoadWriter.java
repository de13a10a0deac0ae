package org.odtrial.ingest.store.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.FileStats;
import org.odtrial.ingest.store.HistoryEvent;
import org.odtrial.ingest.store.LoadInfo;
import org.odtrial.ingest.store.LoadMetadata;
import org.odtrial.ingest.store.LoadResult;
import org.odtrial.ingest.store.LoadWriter;
import org.odtrial.ingest.store.PreparedRecord;
import org.odtrial.ingest.store.StoreException;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.FindingReport;
import org.odtrial.ingest.validate.RuleCount;
import org.odtrial.ingest.validate.Severity;
import org.odtrial.ingest.validate.SiteScope;

/** A load held in one {@code BEGIN IMMEDIATE} transaction from start to commit or rollback. */
public final class SqliteLoadWriter implements LoadWriter {
  private final Connection connection;

  /** The load's metadata; its digests may be replaced before commit ({@link #digests}). */
  private LoadMetadata meta;

  private final Runnable onFinish;
  private final int load;
  private final Map<TrialFile, TableLoad> tables = new EnumMap<>(TrialFile.class);

  /**
   * Files byte-identical to the same file of the latest load (same contract version): their records
   * are exactly the current ones, so they are neither staged nor compared, only counted.
   */
  private final Map<TrialFile, Long> unchangedRows = new EnumMap<>(TrialFile.class);

  /** Hashes the records {@link #prepare} is given (on the thread that prepares them). */
  private final RecordHasher preparing = new RecordHasher();

  /** The file whose records arrived last (null before the first). */
  private TrialFile writing;

  /** The site's part of the trial in a load of one site; null in a load of the whole trial. */
  private SiteLoad siteLoad;

  /**
   * Finishes the seal's parts of the tables whose records have all been written, from the moment
   * they are (null until the first is); see {@link SealThread}.
   */
  private SealThread sealThread;

  private boolean finished;

  /**
   * The first record that could not be written, or prepared: the load must then never commit
   * without it. Each is set only by the thread that writes, or prepares, the records.
   */
  private StoreException refused;

  private StoreException prepareRefused;

  private SqliteLoadWriter(Connection connection, LoadMetadata meta, Runnable onFinish, int load) {
    this.connection = connection;
    this.meta = meta;
    this.onFinish = onFinish;
    this.load = load;
  }

  /**
   * Opens the write transaction (waiting for other writers up to the busy timeout) and prepares
   * every table.
   *
   * @param onFinish run once when the load is committed or rolled back
   */
  public static SqliteLoadWriter begin(
      Connection connection, LoadMetadata meta, Runnable onFinish) {
    Sql.beginWrite(connection, "start a load");
    try {
      // a write that changes nothing, so a store that cannot be written says so now, before the
      // upload is read, not at commit
      Dialect.of(connection).checkWritable(connection);
    } catch (SQLException e) {
      rollbackQuietly(connection, e);
      throw Sql.writeFailure(connection, "start a load", e);
    }
    SqliteLoadWriter writer = null;
    try {
      Optional<HistoryEvent> lock = History.lock(connection);
      if (lock.isPresent()) {
        throw StoreException.ingestLocked("the store", lock.get());
      }
      int load =
          (int) Sql.queryLong(connection, "SELECT coalesce(max(load), 0) + 1 FROM main.loads");
      writer = new SqliteLoadWriter(connection, meta, onFinish, load);
      if (meta.site() != null) {
        writer.siteLoad = SiteLoad.start(connection, meta.site());
        SqliteLoadWriter w = writer;
        // its look-ups query the connection while records stream in: on PostgreSQL the running
        // COPY ends first (the next record starts a new one)
        writer.siteLoad.beforeQuery(
            () -> {
              TrialFile running = w.writing;
              w.writing = null;
              w.endWriting(running);
            });
      }
      int previous = previousLoad(connection, meta.site(), load);
      for (TrialFile file : TrialFile.values()) {
        if (sameAsLatest(connection, meta, file, previous)) {
          writer.unchangedRows.put(file, 0L);
        } else {
          writer.tables.put(
              file,
              TableLoad.start(
                  connection,
                  StoredTable.of(file),
                  load,
                  writer.siteLoad == null ? null : writer.siteLoad.owns(file, "m")));
        }
      }
      return writer;
    } catch (SQLException | RuntimeException e) {
      if (writer != null) {
        writer.closeTables();
      }
      rollbackQuietly(connection, e);
      throw failure("cannot start a load", e);
    }
  }

  /**
   * The load whose files, where byte-identical, hold exactly the records that this load would
   * replace: the latest load if it was of the same part of the trial (the whole trial, or this
   * site, with no load of the whole trial since), else none (0).
   */
  private static int previousLoad(Connection connection, String site, int load)
      throws SQLException {
    if (site == null) {
      int latest = load - 1;
      return Sql.queryLong(
                  connection,
                  "SELECT count(*) FROM main.loads WHERE load = ? AND site IS NULL",
                  latest)
              == 1
          ? latest
          : 0;
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT load, site FROM main.loads WHERE site IS NULL OR site = ? ORDER BY load DESC"
                + " LIMIT 1")) {
      ps.setString(1, site);
      try (var rs = ps.executeQuery()) {
        return rs.next() && site.equals(rs.getString(2)) ? rs.getInt(1) : 0;
      }
    }
  }

  /** The load of one site, to validate its upload against the rest of the trial; else null. */
  @Override
  public SiteScope siteScope() {
    return siteLoad;
  }

  private static boolean sameAsLatest(
      Connection connection, LoadMetadata meta, TrialFile file, int latest) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT count(*) FROM main.load_files f JOIN main.loads l ON l.load = f.load"
                + " WHERE f.load = ? AND f.file = ? AND f.sha256 = ? AND l.contract_version = ?")) {
      ps.setInt(1, latest);
      ps.setString(2, file.fileName());
      ps.setString(3, meta.fileSha256().get(file));
      ps.setInt(4, meta.contractVersion());
      try (var rs = ps.executeQuery()) {
        return rs.next() && rs.getLong(1) == 1;
      }
    }
  }

  @Override
  public Set<TrialFile> filesWithCurrentRecords() {
    requireOpen();
    if (writing != null) {
      throw new IllegalStateException(
          "the current records are asked for after records were written");
    }
    try {
      Set<TrialFile> files = EnumSet.noneOf(TrialFile.class);
      for (TrialFile file : TrialFile.values()) {
        String sql =
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM main."
                + file.tableName()
                + " m WHERE m."
                + StoredTable.VALID_TO
                + " IS NULL"
                + (siteLoad == null ? "" : " AND " + siteLoad.owns(file, "m"))
                + ") THEN 1 ELSE 0 END";
        if (Sql.queryLong(connection, sql) == 1) {
          files.add(file);
        }
      }
      return files;
    } catch (SQLException e) {
      throw failure("cannot read which files have current records", e);
    }
  }

  @Override
  public void digests(String uploadSha256, Map<TrialFile, String> fileSha256) {
    requireOpen();
    if (!unchangedRows.isEmpty()) {
      throw new StoreException(
          "the upload's digests cannot change after a file was found unchanged by them");
    }
    meta =
        new LoadMetadata(
            uploadSha256,
            fileSha256,
            meta.loadedAt(),
            meta.user(),
            meta.toolVersion(),
            meta.contractVersion(),
            meta.site());
  }

  @Override
  public int loadNumber() {
    return load;
  }

  @Override
  public PreparedRecord prepare(TrialFile file, long line, String[] values) {
    requireOpen();
    try {
      StoredTable.of(file).checkKey(line, values);
      Long unchanged = unchangedRows.get(file);
      if (unchanged != null) {
        unchangedRows.put(file, unchanged + 1);
        return null;
      }
      byte[] hash = preparing.hash(values);
      tables.get(file).seal(values, hash);
      return new PreparedRecord(file, line, values, hash);
    } catch (RuntimeException e) {
      StoreException failure =
          failure(file.fileName() + " line " + line + ": cannot write the record", e);
      if (prepareRefused == null) {
        prepareRefused = failure;
      }
      throw failure;
    }
  }

  @Override
  public void write(PreparedRecord record) {
    if (record == null) {
      return;
    }
    requireOpen();
    TrialFile file = record.file();
    try {
      if (file != writing) {
        TrialFile ended = writing;
        endWriting(ended);
        writing = file;
        if (ended != null && siteLoad == null) {
          // a load of the whole trial gets each file's records together, files in order: the
          // table just left is complete, so its seal's part can be finished now, on the other
          // core while the next files stream, rather than beside the index builds at commit
          seal(ended);
        }
      }
      tables.get(file).add(record.values(), record.rowHash());
    } catch (SQLException | RuntimeException e) {
      StoreException failure =
          failure(file.fileName() + " line " + record.line() + ": cannot write the record", e);
      if (refused == null) {
        refused = failure;
      }
      throw failure;
    }
  }

  /**
   * Sends what is buffered of a file's records; on PostgreSQL ends its COPY, as a connection runs
   * one at a time and nothing else meanwhile. A failure names the file (the server reports the
   * row).
   */
  private void endWriting(TrialFile file) {
    TableLoad table = file == null ? null : tables.get(file);
    if (table == null) {
      return;
    }
    try {
      table.pause();
    } catch (SQLException e) {
      StoreException failure = failure(file.fileName() + ": cannot write the records", e);
      if (refused == null) {
        refused = failure;
      }
      throw failure;
    }
  }

  /** Rows at which a load's heap is worth giving back before its commit ({@link #releaseHeap}). */
  static final long RELEASE_HEAP_ROWS = 1_000_000;

  /**
   * Gives the Java heap that streaming the records needed back to the system before a SQLite
   * commit, whose index builds need native memory instead (SQLite's sorter, {@link
   * SqliteDialect#createIndex}): the validator's key indexes and the records in flight are garbage
   * by now, but the serial collector keeps the heap they grew resident until a full collection
   * shrinks it (at once with the launcher's {@code -XX:-ShrinkHeapInSteps}). Only for a large load
   * (a small one's heap is small); at a million participants it took 40-80 ms and took the commit
   * of an ingest from 700-900 MiB resident down to about 600 (docs/performance.md, "The sorter's
   * memory at commit").
   */
  private void releaseHeap() {
    if (PostgresDialect.is(connection)) {
      return; // the server builds the indexes
    }
    long rows = 0;
    for (TableLoad table : tables.values()) {
      rows += table.rows();
    }
    if (rows >= RELEASE_HEAP_ROWS) {
      System.gc();
    }
  }

  /** Hands the seal's part of a table whose rows are all written to {@link #sealThread}. */
  private void seal(TrialFile file) {
    InsertedPart part = tables.get(file).takeInserted();
    if (part != null) {
      if (sealThread == null) {
        sealThread = SealThread.start();
      }
      sealThread.add(file, part);
    }
  }

  @Override
  public LoadResult commit(FindingReport warnings) {
    return end(warnings, true);
  }

  @Override
  public LoadResult preview(FindingReport warnings) {
    return end(warnings, false);
  }

  /** Finishes the load, then commits it ({@code keep}) or rolls it back. */
  private LoadResult end(FindingReport warnings, boolean keep) {
    requireOpen();
    finished = true;
    try {
      StoreException first = refused != null ? refused : prepareRefused;
      if (first != null) {
        throw new StoreException(
            "a record could not be stored (" + first.getMessage() + "); the load was rolled back",
            first);
      }
      if (warnings.errors() > 0) {
        throw new StoreException(
            String.format(
                Locale.ROOT,
                "an upload with errors cannot be stored (%d errors); the load was rolled back",
                warnings.errors()));
      }
      endWriting(writing);
      // the parts not handed over yet (the last file's, or every part in a load of one site)
      for (TrialFile file : tables.keySet()) {
        seal(file);
      }
      releaseHeap();
      SealThread parts = sealThread;
      return store(
          warnings, parts == null ? () -> new EnumMap<>(TrialFile.class) : parts::parts, keep);
    } catch (SQLException | IOException | RuntimeException e) {
      closeSealThread();
      closeTables();
      rollbackQuietly(connection, e);
      throw failure("load " + load + " was not stored", e);
    } finally {
      closeSealThread();
      closeTables();
      onFinish.run();
    }
  }

  /**
   * Merges the tables into their temporal tables, records the load and seals it, and commits (or,
   * for a dry run, rolls it all back).
   *
   * @param parts the seal's parts computed while the tables were written, once finished
   * @param keep commit; false: roll back, having computed what the load would change
   */
  private LoadResult store(FindingReport warnings, SealParts parts, boolean keep)
      throws SQLException, IOException {
    Map<TrialFile, FileStats> stats = new EnumMap<>(TrialFile.class);
    for (TrialFile file : TrialFile.values()) {
      String sha = meta.fileSha256().get(file);
      stats.put(
          file,
          unchangedRows.containsKey(file)
              ? new FileStats(sha, unchangedRows.get(file), 0, 0, 0)
              : tables.get(file).finish(sha));
    }
    LoadInfo info =
        new LoadInfo(
            load,
            meta.uploadSha256(),
            meta.loadedAt(),
            meta.user(),
            meta.toolVersion(),
            meta.contractVersion(),
            stats,
            meta.site());
    long stored = LoadRecords.insert(connection, info, warnings);
    long revision =
        QueryTables.afterLoad(connection, load, meta.loadedAt(), meta.user(), meta.site());
    if (siteLoad != null) {
      siteLoad.finish();
    }
    Map<TrialFile, long[]> counts = new EnumMap<>(TrialFile.class);
    stats.forEach(
        (file, s) ->
            counts.put(file, new long[] {s.added() + s.changed(), s.changed() + s.removed()}));
    Seals.sealLoad(connection, load, counts, parts.get());
    Seals.sealRevision(connection, revision);
    if (keep) {
      Sql.commit(connection, "store load " + load);
    } else {
      Sql.rollback(connection);
    }
    return new LoadResult(info, stored);
  }

  /** The seal's parts, waited for only when the seal needs them. */
  @FunctionalInterface
  private interface SealParts {
    Map<TrialFile, Seals.Part> get();
  }

  /**
   * Finishes the seal's parts computed while the tables were written (sorting and hashing what was
   * spilled) on a thread of its own, each as soon as its table's rows are all written: this CPU
   * work then overlaps the later files' streaming and the database's work at commit (index builds,
   * the warnings and data queries) instead of following it. A part is used by this thread only,
   * from {@link #add} on; the parts are read once {@link #parts} has joined the thread.
   */
  private static final class SealThread implements AutoCloseable {
    /** A table's part to finish; {@link #END} after the last. */
    private record Sealing(TrialFile file, InsertedPart part) {}

    private static final Sealing END = new Sealing(null, null);

    private final BlockingQueue<Sealing> queue = new LinkedBlockingQueue<>();
    private final Map<TrialFile, Seals.Part> done = new EnumMap<>(TrialFile.class);
    private final Thread thread;

    /** Set when the load fails: the parts left are closed (spill files deleted), not finished. */
    private volatile boolean cancelled;

    private boolean ended;
    private RuntimeException failure;

    private SealThread() {
      this.thread = new Thread(this::run, "odtrial-seal");
      thread.setDaemon(true);
    }

    static SealThread start() {
      SealThread s = new SealThread();
      s.thread.start();
      return s;
    }

    void add(TrialFile file, InsertedPart part) {
      queue.add(new Sealing(file, part));
    }

    private void run() {
      while (true) {
        Sealing e;
        try {
          e = queue.take();
        } catch (InterruptedException interrupted) {
          // nobody interrupts this thread; the load's end arrives as END either way
          continue;
        }
        if (e == END) {
          return;
        }
        InsertedPart part = e.part();
        try {
          if (!cancelled && failure == null) {
            // null: the records could not be hashed in key order here; the seal reads them back
            Seals.Part finished = part.finish();
            if (finished != null) {
              done.put(e.file(), finished);
            }
          }
        } catch (RuntimeException ex) {
          failure = ex;
        } finally {
          part.close();
        }
      }
    }

    private void end() {
      if (!ended) {
        ended = true;
        queue.add(END);
      }
      Threads.joinUninterruptibly(thread);
    }

    /** Waits for the parts; those that could not be computed this way are missing. */
    Map<TrialFile, Seals.Part> parts() {
      end();
      if (failure != null) {
        throw failure;
      }
      return new EnumMap<>(done);
    }

    /**
     * Closes the parts not finished yet and waits for the thread (which deletes their spill files)
     * if a failure ends the load first.
     */
    @Override
    public void close() {
      cancelled = true;
      end();
    }
  }

  @Override
  public void abort() {
    if (finished) {
      return;
    }
    finished = true;
    closeSealThread();
    closeTables();
    try {
      Sql.rollback(connection);
    } catch (SQLException e) {
      throw new StoreException("rolling back load " + load + " failed: " + e.getMessage(), e);
    } finally {
      onFinish.run();
    }
  }

  @Override
  public void close() {
    abort();
  }

  private void requireOpen() {
    if (finished) {
      throw new StoreException("load " + load + " is already committed or aborted");
    }
  }

  private void closeSealThread() {
    if (sealThread != null) {
      sealThread.close();
    }
  }

  private void closeTables() {
    tables.values().forEach(TableLoad::close);
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      Sql.rollback(connection);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static StoreException failure(String what, Exception e) {
    if (e instanceof StoreException) {
      return (StoreException) e;
    }
    if (e instanceof SQLException sql && Dialect.forbidden(sql)) {
      return new StoreException(
          StoreException.Kind.FORBIDDEN,
          what + ": your database role may not do this (" + e.getMessage() + ")",
          e);
    }
    return new StoreException(what + ": " + e.getMessage(), e);
  }

  /** Records the load's row, per-file statistics and warnings. */
  static final class LoadRecords {
    private static final String FINDING_COLUMNS =
        "load, seq, severity, file, line, column_name, record, site, rule, message, query_id,"
            + " root_id";

    private LoadRecords() {}

    static long insert(Connection connection, LoadInfo info, FindingReport warnings)
        throws SQLException, IOException {
      try (PreparedStatement ps =
          connection.prepareStatement(
              "INSERT INTO main.loads (load, upload_sha256, loaded_at, os_user, tool_version,"
                  + " contract_version, site) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setInt(1, info.load());
        ps.setString(2, info.uploadSha256());
        ps.setString(3, info.loadedAt().toString());
        ps.setString(4, info.user());
        ps.setString(5, info.toolVersion());
        ps.setInt(6, info.contractVersion());
        ps.setString(7, info.site());
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          connection.prepareStatement(
              "INSERT INTO main.load_files (load, file, sha256, rows, added, changed, removed)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (Map.Entry<TrialFile, FileStats> e : info.files().entrySet()) {
          FileStats f = e.getValue();
          ps.setInt(1, info.load());
          ps.setString(2, e.getKey().fileName());
          ps.setString(3, f.sha256());
          ps.setLong(4, f.rows());
          ps.setLong(5, f.added());
          ps.setLong(6, f.changed());
          ps.setLong(7, f.removed());
          ps.executeUpdate();
        }
      }
      long stored = insertFindings(connection, info.load(), warnings);
      try (PreparedStatement ps =
          connection.prepareStatement(
              "INSERT INTO main.load_rule_counts (load, file, rule, site, rows_checked,"
                  + " rows_failed, findings) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (RuleCount r : warnings.ruleCounts()) {
          ps.setInt(1, info.load());
          ps.setString(2, r.file());
          ps.setString(3, r.rule());
          ps.setString(4, r.site());
          if (r.perRecord()) {
            ps.setLong(5, r.rowsChecked());
          } else {
            ps.setNull(5, Types.INTEGER);
          }
          ps.setLong(6, r.rowsFailed());
          ps.setLong(7, r.findings());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return stored;
    }

    /** Streams the warnings into load_findings, in report order, with their query ids. */
    private static long insertFindings(Connection connection, int load, FindingReport warnings)
        throws SQLException, IOException {
      if (Dialect.of(connection).copyInto(connection, "main.load_findings")) {
        return copyFindings(connection, load, warnings);
      }
      long[] seq = {0};
      try (PreparedStatement ps =
          connection.prepareStatement(
              "INSERT INTO main.load_findings ("
                  + FINDING_COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, ?,"
                  + " ?, ?, ?, ?, ?)")) {
        warnings.forEach(
            null,
            f -> {
              requireWarning(f);
              try {
                ps.setInt(1, load);
                ps.setLong(2, ++seq[0]);
                ps.setString(3, f.severity().label());
                ps.setString(4, f.file());
                ps.setLong(5, f.line());
                ps.setString(6, f.column());
                ps.setString(7, f.record());
                ps.setString(8, f.site());
                ps.setString(9, f.rule());
                ps.setString(10, f.message());
                ps.setString(11, f.queryId());
                ps.setString(12, f.root());
                ps.addBatch();
                if (seq[0] % 2048 == 0) {
                  ps.executeBatch();
                }
              } catch (SQLException e) {
                throw duplicateQuery(e);
              }
            });
        try {
          ps.executeBatch();
        } catch (SQLException e) {
          throw duplicateQuery(e);
        }
      }
      return seq[0];
    }

    /** {@link #insertFindings} on PostgreSQL: the same rows with one COPY. */
    private static long copyFindings(Connection connection, int load, FindingReport warnings)
        throws SQLException, IOException {
      CopyRows out =
          new CopyRows(connection, "COPY main.load_findings (" + FINDING_COLUMNS + ") FROM STDIN");
      long[] seq = {0};
      try {
        warnings.forEach(
            null,
            f -> {
              requireWarning(f);
              out.integer(load).integer(++seq[0]).text(f.severity().label()).text(f.file());
              out.integer(f.line()).text(f.column()).text(f.record()).text(f.site());
              out.text(f.rule()).text(f.message()).text(f.queryId()).text(f.root());
              try {
                out.endRow();
              } catch (SQLException e) {
                throw duplicateQuery(e);
              }
            });
        out.end();
      } catch (SQLException e) {
        out.cancel();
        throw duplicateQuery(e);
      } catch (IOException | RuntimeException e) {
        out.cancel();
        throw e;
      }
      return seq[0];
    }

    private static void requireWarning(Finding f) {
      if (f.severity() != Severity.WARNING) {
        throw new StoreException(
            String.format(
                Locale.ROOT,
                "an upload with errors cannot be stored (%s line %d: %s); the load was"
                    + " rolled back",
                f.file(),
                f.line(),
                f.rule()));
      }
    }

    /** Two warnings of one load raising the same query would make the query history ambiguous. */
    private static RuntimeException duplicateQuery(SQLException e) {
      if (Sql.primaryCode(e) == Sql.SQLITE_CONSTRAINT
          || PostgresDialect.INSTANCE.failure(e) == Dialect.Failure.CONSTRAINT) {
        return new StoreException(
            "two warnings of this load raise the same data query (same file, record, column and"
                + " rule), which the query history cannot tell apart; please report this: "
                + e.getMessage(),
            e);
      }
      return new StoreException("cannot store the warnings: " + e.getMessage(), e);
    }
  }
}
