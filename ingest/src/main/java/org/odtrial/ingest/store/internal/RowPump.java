package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a query on a thread of its own and hands its rows over in batches, each row as the JDBC
 * objects of its columns ({@code getObject}), so that on two cores stepping the database and
 * hashing the rows overlap: reading a table is about half of verifying it. The queue is bounded, so
 * memory stays a few batches however big the table. The caller's thread does everything else.
 *
 * <p>On SQLite the cells are taken with {@link SqliteCells} rather than {@code getObject}: the same
 * objects for a fraction of the driver's per-cell cost.
 */
final class RowPump implements AutoCloseable {
  private static final int BATCH = 1024;
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(8);
  private final Thread thread;
  private volatile boolean stopped;
  private Object[][] batch = new Object[0][];
  private int at;
  private boolean done;

  private RowPump(Connection c, String sql, int width, long[] parameters) {
    thread = new Thread(() -> run(c, sql, width, parameters), "odtrial-row-reader");
    thread.setDaemon(true);
  }

  /** Starts reading the rows of {@code sql}, {@code width} columns each; parameters 1, 2 ... */
  static RowPump start(Connection c, String sql, int width, long... parameters) {
    RowPump p = new RowPump(c, sql, width, parameters);
    p.thread.start();
    return p;
  }

  private void run(Connection c, String sql, int width, long[] parameters) {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setLong(i + 1, parameters[i]);
      }
      read(ps, width);
    } catch (SQLException | RuntimeException | Error e) {
      put(e);
    }
  }

  private void read(PreparedStatement ps, int width) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      SqliteCells cells = SqliteCells.of(ps);
      Object[][] b = new Object[BATCH][];
      int n = 0;
      while (!stopped && rs.next()) {
        Object[] row = new Object[width];
        if (cells != null) {
          cells.read(row);
        } else {
          for (int i = 0; i < width; i++) {
            row[i] = rs.getObject(i + 1);
          }
        }
        b[n++] = row;
        if (n == BATCH) {
          if (!put(b)) {
            return;
          }
          b = new Object[BATCH][];
          n = 0;
        }
      }
      if (n > 0 && !put(Arrays.copyOf(b, n))) {
        return;
      }
      put(END);
    }
  }

  /** False when the reader has stopped listening. */
  private boolean put(Object o) {
    try {
      while (!stopped) {
        if (queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /** The next row, or null after the last. */
  Object[] next() throws SQLException {
    if (at < batch.length) {
      return batch[at++];
    }
    if (done) {
      return null;
    }
    Object o = take();
    if (o == END) {
      done = true;
      return null;
    }
    if (o instanceof SQLException e) {
      throw e;
    }
    if (o instanceof RuntimeException e) {
      throw e;
    }
    if (o instanceof Error e) {
      throw e;
    }
    batch = (Object[][]) o;
    at = 0;
    return batch[at++];
  }

  private Object take() throws SQLException {
    try {
      while (true) {
        Object o = queue.poll(100, TimeUnit.MILLISECONDS);
        if (o != null) {
          return o;
        }
        if (!thread.isAlive() && queue.isEmpty()) {
          throw new SQLException("the reading thread stopped without a result");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while reading", e);
    }
  }

  /** Stops the reading thread and waits for it, so the connection is free again. */
  @Override
  public void close() {
    stopped = true;
    queue.clear();
    Threads.joinUninterruptibly(thread);
  }
}
