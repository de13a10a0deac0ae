package org.odtrial.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.FindingReport;
import org.odtrial.ingest.validate.Severity;

@Timeout(30)
class ReadAheadTest {
  private static Finding finding(int i) {
    return new Finding(
        i % 2 == 0 ? Severity.ERROR : Severity.WARNING,
        "participants.csv",
        i,
        "age",
        "P" + i,
        i % 3 == 0 ? null : "S" + (i % 3),
        "range",
        "finding " + i);
  }

  private static List<Finding> findings(int n) {
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(finding(i));
    }
    return all;
  }

  @Test
  void everyFindingInOrderOnTheCallersThread() throws IOException {
    // none, less than a batch, exactly full batches, more than the queue holds
    for (int n : new int[] {0, 1, ReadAhead.BATCH, ReadAhead.BATCH * ReadAhead.BATCHES * 3 + 7}) {
      FindingReport report = FindingReport.of(findings(n));
      List<Finding> seen = new ArrayList<>();
      Thread caller = Thread.currentThread();
      ReadAhead.forEach(
          report,
          null,
          f -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            seen.add(f);
          });
      assertThat(seen).isEqualTo(findings(n));
      List<Finding> site = new ArrayList<>();
      ReadAhead.forEach(report, "S1", site::add);
      List<Finding> expected = new ArrayList<>();
      report.forEach("S1", expected::add);
      assertThat(site).isEqualTo(expected);
    }
  }

  @Test
  void severalReadsInOneSource() throws IOException {
    FindingReport report = FindingReport.of(findings(5000));
    List<Finding> seen = new ArrayList<>();
    ReadAhead.forEach(
        sink -> {
          for (String s : List.of("S1", "S2", FindingReport.NO_SITE)) {
            report.forEach(s, sink);
          }
        },
        seen::add);
    List<Finding> expected = new ArrayList<>();
    for (String s : List.of("S1", "S2", FindingReport.NO_SITE)) {
      report.forEach(s, expected::add);
    }
    assertThat(seen).hasSize(5000).isEqualTo(expected);
  }

  @Test
  void aFailedReadReachesTheCallerAfterWhatWasRead() {
    List<Finding> seen = new ArrayList<>();
    assertThatThrownBy(
            () ->
                ReadAhead.forEach(
                    sink -> {
                      for (int i = 0; i < 1500; i++) {
                        sink.accept(finding(i));
                      }
                      throw new IOException("disk gone");
                    },
                    seen::add))
        .isInstanceOf(IOException.class)
        .hasMessage("disk gone");
    assertThat(seen).isEqualTo(findings(1500));
    assertThatThrownBy(
            () ->
                ReadAhead.forEach(
                    sink -> {
                      throw new IllegalStateException("bad spool");
                    },
                    seen::add))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bad spool");
  }

  @Test
  void aFailedWriteStopsTheReader() throws InterruptedException {
    AtomicInteger read = new AtomicInteger();
    AtomicReference<Thread> reader = new AtomicReference<>();
    int[] written = {0};
    assertThatThrownBy(
            () ->
                ReadAhead.forEach(
                    sink -> {
                      reader.set(Thread.currentThread());
                      for (int i = 0; ; i++) { // endless: only the cancel ends it
                        sink.accept(finding(i));
                        read.incrementAndGet();
                      }
                    },
                    f -> {
                      if (++written[0] == 2000) {
                        throw new IOException("no space left on device");
                      }
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("no space left on device");
    reader.get().join(5000);
    assertThat(reader.get().isAlive()).isFalse();
    // the reader stopped within a queue and two batches of the writer (never endless)
    assertThat(read.get()).isLessThanOrEqualTo(2000 + ReadAhead.BATCH * (ReadAhead.BATCHES + 4));
  }
}
