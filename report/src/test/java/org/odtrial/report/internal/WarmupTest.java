package org.odtrial.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The warm-up's tiny report renders in every format, on a daemon thread that ends by itself. */
class WarmupTest {
  @Test
  void theTinyReportRendersInEveryFormat() {
    // run() hides a failure (the real report would meet it), so the rendering is checked here
    assertThat(Warmup.render()).isGreaterThan(1000);
  }

  @Test
  void theWarmupRunsOnADaemonThreadThatEnds() throws Exception {
    Thread t = Warmup.start();
    assertThat(t.isDaemon()).isTrue();
    assertThat(t.getName()).isEqualTo("odtrial-report-warmup");
    t.join(Duration.ofSeconds(60).toMillis());
    assertThat(t.isAlive()).isFalse();
  }
}
