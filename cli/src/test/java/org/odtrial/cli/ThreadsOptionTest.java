package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadsOptionTest {
  private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

  @Test
  void anAskedNumberIsKeptWhateverTheSize() {
    assertThat(ThreadsOption.forData(3, 600)).isEqualTo(3);
    assertThat(ThreadsOption.forData(2, 1_000_000)).isEqualTo(2);
  }

  @Test
  void theDefaultIsOnePerProcessorUpToTheLimitAndOneAbove() {
    assertThat(ThreadsOption.forData(0, 600)).isEqualTo(PROCESSORS);
    assertThat(ThreadsOption.forData(0, ThreadsOption.CONCURRENT_UP_TO)).isEqualTo(PROCESSORS);
    assertThat(ThreadsOption.forData(0, ThreadsOption.CONCURRENT_UP_TO + 1)).isEqualTo(1);
  }

  @Test
  void aReportIsBuiltOnTheAskedNumberOrOnePerProcessorAtAnySize() {
    assertThat(ThreadsOption.forReport(3)).isEqualTo(3);
    assertThat(ThreadsOption.forReport(1)).isEqualTo(1);
    assertThat(ThreadsOption.forReport(0)).isEqualTo(PROCESSORS);
  }
}
