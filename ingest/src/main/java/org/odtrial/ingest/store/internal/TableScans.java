package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.odtrial.ingest.contract.TrialFile;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Scans several record tables of a SQLite store at once, each on a read-only connection and a
 * thread of its own (with its {@link RowPump}), while the caller's thread hands the analysed load's
 * records of each table to its consumer as they arrive. Verifying reads every cell of every table,
 * and on two cores one table's reading and hashing fill about one core: the large tables
 * (admissions, outcomes, network meetings) side by side fill both.
 *
 * <p>Each table is still read in key order and encoded and hashed in that order by one thread, so
 * its parts and row-hash checks are exactly those of a scan alone. A SQLite read outside a
 * transaction is one snapshot per statement (one per table) on one connection as on several, so
 * nothing changes there either; inside a transaction the other connections would not see its
 * writes, so then (and for anything but a store file) {@link #open} declines and the tables are
 * read one after the other.
 */
final class TableScans implements AutoCloseable {
  /** Records per batch handed to the caller's thread. */
  private static final int BATCH = 512;

  /** Page cache of each extra connection: they read their table once, in order. */
  private static final int CACHE_KIB = 8192;

  private final List<Connection> connections;

  private TableScans(List<Connection> connections) {
    this.connections = connections;
  }

  /**
   * Read-only connections for {@code count} tables on the store file of {@code c}, or null when the
   * tables must be read on {@code c} itself: not SQLite, no file (a memory database), a transaction
   * open on {@code c}, or a connection that could not be opened.
   */
  static TableScans open(Connection c, Set<TrialFile> files) {
    List<Connection> opened = new ArrayList<>();
    try {
      if (!(c instanceof SQLiteConnection) || inTransaction(c)) {
        return null;
      }
      String file = null;
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("PRAGMA database_list")) {
        while (rs.next()) {
          if ("main".equals(rs.getString(2))) {
            file = rs.getString(3);
          }
        }
      }
      if (file == null || file.isEmpty()) {
        return null;
      }
      long busy = Sql.queryLong(c, "PRAGMA busy_timeout");
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(true);
      Properties p = config.toProperties();
      for (int i = 0; i < files.size(); i++) {
        Connection s = DriverManager.getConnection("jdbc:sqlite:" + file, p);
        opened.add(s);
        Sql.exec(s, "PRAGMA busy_timeout = " + busy);
        Sql.exec(s, "PRAGMA main.cache_size = -" + CACHE_KIB);
      }
      return new TableScans(opened);
    } catch (SQLException e) {
      closeAll(opened);
      return null;
    }
  }

  /**
   * Whether {@code c} is inside a transaction (JDBC's auto-commit flag does not say: the store
   * begins its writes with {@code BEGIN IMMEDIATE}). A deferred {@code BEGIN} takes no lock.
   */
  private static boolean inTransaction(Connection c) {
    try {
      Sql.exec(c, "BEGIN");
    } catch (SQLException e) {
      return true;
    }
    try {
      Sql.exec(c, "COMMIT");
      return false;
    } catch (SQLException e) {
      return true;
    }
  }

  private record Batch(int scan, String[][] rows, int n) {}

  private record Done(int scan, Throwable error) {}

  /**
   * Runs {@code scans} at once and feeds each one's records to its consumer in {@code consumers}
   * (those without one get none) on this thread, each table's in key order. A consumer that throws
   * gets no more records; the others go on.
   *
   * @return what the consumer of the earliest table (in file order) threw first, or null
   * @throws SQLException what the scan of the earliest failing table threw, once all have ended
   */
  RuntimeException run(
      List<Verifier.TableScan> scans,
      Set<Integer> loads,
      Map<TrialFile, Consumer<String[]>> consumers)
      throws SQLException {
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4 * scans.size());
    AtomicBoolean aborted = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    Map<TrialFile, RuntimeException> failures = new EnumMap<>(TrialFile.class);
    Throwable[] errors = new Throwable[scans.size()];
    boolean finished = false;
    try {
      for (int i = 0; i < scans.size(); i++) {
        Verifier.TableScan scan = scans.get(i);
        int at = i;
        Connection conn = connections.get(i);
        Batcher batcher = consumers.containsKey(scan.f) ? new Batcher(at, queue, aborted) : null;
        scan.sink = batcher;
        Thread t =
            new Thread(
                () -> {
                  Throwable error = null;
                  try {
                    scan.run(conn, loads);
                    if (batcher != null && scan.sink == batcher) {
                      batcher.flush();
                    }
                  } catch (Throwable e) {
                    error = e;
                  }
                  put(queue, new Done(at, error), aborted);
                },
                "odtrial-verify-" + scan.f.tableName());
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
      int running = scans.size();
      while (running > 0) {
        Object o = queue.take();
        if (o instanceof Batch b) {
          TrialFile f = scans.get(b.scan()).f;
          Consumer<String[]> read = failures.containsKey(f) ? null : consumers.get(f);
          for (int r = 0; read != null && r < b.n(); r++) {
            try {
              read.accept(b.rows()[r]);
            } catch (RuntimeException e) {
              failures.put(f, e);
              read = null;
            }
          }
        } else if (o instanceof Done d) {
          errors[d.scan()] = d.error();
          running--;
        }
      }
      finished = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while verifying", e);
    } finally {
      if (!finished) {
        aborted.set(true);
        threads.forEach(Thread::interrupt);
      }
      threads.forEach(Threads::joinUninterruptibly);
    }
    for (int i = 0; i < scans.size(); i++) {
      Throwable e = errors[i];
      if (e instanceof SQLException s) {
        throw s;
      } else if (e instanceof RuntimeException r) {
        throw r;
      } else if (e instanceof Error r) {
        throw r;
      } else if (e != null) {
        throw new IllegalStateException(e);
      }
    }
    for (Verifier.TableScan s : scans) {
      RuntimeException e = failures.get(s.f);
      if (e == null && s.failure != null && !(s.failure instanceof Aborted)) {
        e = s.failure;
      }
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  /** False when the caller's thread stopped listening. */
  private static boolean put(BlockingQueue<Object> queue, Object o, AtomicBoolean aborted) {
    try {
      while (!aborted.get()) {
        if (queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /** Thrown into a scan when the caller's thread stopped listening; the scan then stops too. */
  private static final class Aborted extends RuntimeException {
    Aborted() {
      super("the verification was stopped", null, false, false);
    }
  }

  /** A scan's sink: its records in batches onto the shared queue. */
  private static final class Batcher implements Consumer<String[]> {
    private final int scan;
    private final BlockingQueue<Object> queue;
    private final AtomicBoolean aborted;
    private String[][] rows = new String[BATCH][];
    private int n;

    Batcher(int scan, BlockingQueue<Object> queue, AtomicBoolean aborted) {
      this.scan = scan;
      this.queue = queue;
      this.aborted = aborted;
    }

    @Override
    public void accept(String[] row) {
      rows[n++] = row;
      if (n == BATCH) {
        flush();
      }
    }

    void flush() {
      if (n == 0) {
        return;
      }
      if (!put(queue, new Batch(scan, rows, n), aborted)) {
        // the scan's next read sees the interrupt and ends
        Thread.currentThread().interrupt();
        throw new Aborted();
      }
      rows = new String[BATCH][];
      n = 0;
    }
  }

  @Override
  public void close() {
    closeAll(connections);
  }

  private static void closeAll(List<Connection> connections) {
    for (Connection s : connections) {
      try {
        s.close();
      } catch (SQLException e) {
        // a read-only connection: nothing is lost
      }
    }
  }
}
