package org.odtrial.report.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.odtrial.report.ReportException;

/** The report's pieces: values, failures and waiting, on one thread and on several. */
class TasksTest {
  @Test
  @Timeout(60)
  void piecesThatWaitForEarlierOnesFinishOnFewerThreadsThanPieces() {
    for (int threads : new int[] {1, 2, 3}) {
      try (Tasks tasks = Tasks.on(threads)) {
        List<Tasks.Part<Integer>> parts = new ArrayList<>();
        parts.add(tasks.submit(() -> 0));
        for (int i = 1; i < 200; i++) {
          Tasks.Part<Integer> before = parts.get(i - 1);
          Tasks.Part<Integer> first = parts.get(0);
          parts.add(tasks.submit(() -> before.get() + 1 + first.get()));
        }
        assertThat(parts.get(199).get()).as("%d threads", threads).isEqualTo(199);
        assertThat(parts.get(100).get()).isEqualTo(100);
      }
    }
  }

  @Test
  void oneThreadComputesEachPieceOnceWhenFirstAskedFor() {
    AtomicInteger calls = new AtomicInteger();
    List<String> order = new ArrayList<>();
    try (Tasks tasks = Tasks.on(1)) {
      Tasks.Part<String> a =
          tasks.submit(
              () -> {
                calls.incrementAndGet();
                order.add("a");
                return "a";
              });
      Tasks.Part<String> b =
          tasks.submit(
              () -> {
                calls.incrementAndGet();
                order.add("b");
                return "b";
              });
      assertThat(calls).hasValue(0);
      assertThat(b.get()).isEqualTo("b");
      assertThat(a.get() + a.get() + b.get()).isEqualTo("aab");
      assertThat(order).containsExactly("b", "a");
      assertThat(calls).hasValue(2);
      assertThat(Thread.currentThread().getName()).doesNotStartWith("odtrial-report");
    }
  }

  @Test
  void aFailingPieceThrowsItsOwnExceptionWhereItsValueIsAskedFor() {
    for (int threads : new int[] {1, 2}) {
      try (Tasks tasks = Tasks.on(threads)) {
        IllegalStateException boom = new IllegalStateException("boom");
        Tasks.Part<Integer> fine = tasks.submit(() -> 1);
        Tasks.Part<Integer> failing =
            tasks.submit(
                () -> {
                  throw boom;
                });
        Tasks.Part<Integer> waiting = tasks.submit(() -> failing.get() + 1);
        Tasks.Part<Integer> checked =
            tasks.submit(
                () -> {
                  throw new IOException("disk full");
                });
        assertThat(fine.get()).isEqualTo(1);
        assertThatThrownBy(failing::get).isSameAs(boom);
        assertThatThrownBy(waiting::get).isSameAs(boom);
        assertThatThrownBy(checked::get)
            .isInstanceOf(ReportException.class)
            .hasMessageContaining("disk full");
      }
    }
  }

  @Test
  void piecesRunOnTheWritersOwnThreadsWhichDoNotOutliveIt() throws Exception {
    Tasks tasks = Tasks.on(2);
    Thread worker = tasks.submit(Thread::currentThread).get();
    assertThat(worker.getName()).startsWith("odtrial-report-");
    assertThat(worker.isDaemon()).isTrue();
    tasks.close();
    worker.join(Duration.ofSeconds(30).toMillis());
    assertThat(worker.isAlive()).isFalse();
    assertThatThrownBy(() -> Tasks.on(0)).isInstanceOf(ReportException.class);
  }
}
