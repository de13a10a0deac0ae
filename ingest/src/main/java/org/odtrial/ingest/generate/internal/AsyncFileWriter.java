package org.odtrial.ingest.generate.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One output file written by its own thread: the generating thread fills a text chunk and hands it
 * over, so encoding and disk writes run alongside generation. A bounded queue of fixed-size chunks
 * keeps memory constant; chunks are written in the order they were handed over, so the bytes do not
 * depend on thread timing.
 */
final class AsyncFileWriter implements AutoCloseable {
  private static final int CHUNK_CHARS = 1 << 16;
  private static final int QUEUED_CHUNKS = 4;
  private static final StringBuilder END = new StringBuilder(0);

  private final Path path;
  private final OutputStream out;
  private final BlockingQueue<StringBuilder> full = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
  private final BlockingQueue<StringBuilder> free = new ArrayBlockingQueue<>(QUEUED_CHUNKS + 2);
  private final Thread thread;
  private volatile IOException failure;
  private StringBuilder current = new StringBuilder(CHUNK_CHARS + 1024);
  private boolean closed;

  AsyncFileWriter(Path path) throws IOException {
    this.path = path;
    this.out = Files.newOutputStream(path);
    this.thread = new Thread(this::drain, "odtrial-generate-" + path.getFileName());
    thread.setDaemon(true);
    thread.start();
  }

  /** The chunk being filled; call {@link #flushIfFull()} after each row. */
  StringBuilder text() {
    return current;
  }

  void flushIfFull() {
    if (current.length() >= CHUNK_CHARS) {
      handOver();
    }
  }

  private void handOver() {
    checkFailure();
    put(current);
    StringBuilder next = free.poll();
    current = next != null ? next : new StringBuilder(CHUNK_CHARS + 1024);
  }

  private void put(StringBuilder chunk) {
    try {
      full.put(chunk);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while writing " + path, e));
    }
  }

  /**
   * The writing thread: after a failure it keeps taking chunks (and drops them) so the generator
   * never blocks.
   */
  private void drain() {
    byte[] bytes = new byte[0];
    while (true) {
      StringBuilder chunk;
      try {
        chunk = full.take();
      } catch (InterruptedException e) {
        failure = new IOException("interrupted while writing " + path, e);
        return;
      }
      if (chunk == END) {
        return;
      }
      if (failure == null) {
        try {
          // the generated text is ASCII except what a caller might put in; encode generally only
          // when needed
          int n = chunk.length();
          if (isAscii(chunk)) {
            if (bytes.length < n) {
              bytes = new byte[n];
            }
            for (int i = 0; i < n; i++) {
              bytes[i] = (byte) chunk.charAt(i);
            }
            out.write(bytes, 0, n);
          } else {
            out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          failure = e;
        }
      }
      chunk.setLength(0);
      free.offer(chunk);
    }
  }

  private static boolean isAscii(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }

  private void checkFailure() {
    IOException e = failure;
    if (e != null) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (current.length() > 0) {
        put(current);
      }
      put(END);
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new IOException("interrupted while finishing " + path, e);
    } finally {
      try {
        out.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    checkFailure();
  }
}
