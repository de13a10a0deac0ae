package org.odtrial.report.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.odtrial.report.ReportException;

/**
 * The independent pieces of one report (tables, figures, formats) computed on a few threads of
 * their own, each awaited where it is used. A piece may wait only for pieces submitted before it:
 * the pool takes pieces in submission order, so whatever it waits for has already been taken by a
 * thread, and the pool cannot deadlock. With one thread every piece runs on the calling thread when
 * its value is first asked for. Either way every piece computes the same value, so the report has
 * the same bytes whatever the number of threads, and a failing report throws the exception of the
 * first piece whose value it asks for. Closing it stops the pool (a piece still running after a
 * failure is abandoned).
 */
public final class Tasks implements AutoCloseable {
  private final ExecutorService pool;

  private Tasks(ExecutorService pool) {
    this.pool = pool;
  }

  /** Pieces on {@code threads} threads (1: on the calling thread, when asked for). */
  public static Tasks on(int threads) {
    if (threads < 1) {
      throw new ReportException("threads must be at least 1, was " + threads);
    }
    if (threads == 1) {
      return new Tasks(null);
    }
    AtomicInteger n = new AtomicInteger();
    return new Tasks(
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "odtrial-report-" + n.incrementAndGet());
              t.setDaemon(true); // an abandoned report never keeps the process alive
              return t;
            }));
  }

  /** A piece's value, computed once. */
  @FunctionalInterface
  public interface Part<T> {
    /** The value, waiting for it if needed; the piece's own unchecked exception if it threw one. */
    T get();
  }

  /** Submits a piece: see the class comment for what it may wait for. */
  public <T> Part<T> submit(Callable<T> piece) {
    if (pool == null) {
      return new Part<>() {
        private boolean done;
        private T value;

        @Override
        public T get() {
          if (!done) {
            value = call(piece);
            done = true;
          }
          return value;
        }
      };
    }
    Future<T> f = pool.submit(piece);
    return () -> await(f);
  }

  private static <T> T call(Callable<T> piece) {
    try {
      return piece.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ReportException("report piece failed: " + e);
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      throw new ReportException("report interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new ReportException("report piece failed: " + cause);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
