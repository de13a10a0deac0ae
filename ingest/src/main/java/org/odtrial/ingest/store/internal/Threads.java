package org.odtrial.ingest.store.internal;

/** Waiting for the store's helper threads. */
final class Threads {
  private Threads() {}

  /**
   * Waits for {@code thread} to end even if the caller is interrupted meanwhile (the thread holds a
   * connection or temporary files that must be free afterwards), then restores the caller's
   * interrupt status.
   */
  static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
