package org.odtrial.ingest.generate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Cluster sizes add up, spread widely, and never leave a cluster empty when there are enough
 * participants.
 */
class SizesAndIdsTest {

  @Test
  void sizesAddUpAndEveryClusterGetsOne() {
    for (int[] kn : new int[][] {{1, 1}, {7, 7}, {30, 600}, {1000, 1_000_000}, {50, 51}}) {
      int[] sizes = TrialDesign.sizes(kn[0], kn[1], new Rng(kn[0]));
      assertThat(Arrays.stream(sizes).asLongStream().sum()).isEqualTo(kn[1]);
      assertThat(Arrays.stream(sizes).min().orElseThrow()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void fewerParticipantsThanClustersLeavesSomeEmpty() {
    int[] sizes = TrialDesign.sizes(10, 4, new Rng(2));
    assertThat(Arrays.stream(sizes).sum()).isEqualTo(4);
    assertThat(Arrays.stream(sizes).filter(s -> s == 0).count()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void sizesRangeWidely() {
    int[] sizes = TrialDesign.sizes(100, 20_000, new Rng(9));
    int min = Arrays.stream(sizes).min().orElseThrow();
    int max = Arrays.stream(sizes).max().orElseThrow();
    assertThat(max).isGreaterThan(5 * Math.max(1, min));
  }

  @Test
  void idsArePaddedToTheirWidth() {
    assertThat(TrialDesign.pad(7, 4)).isEqualTo("0007");
    assertThat(TrialDesign.pad(12345, 3)).isEqualTo("12345");
    assertThat(TrialDesign.digits(1_000_000)).isEqualTo(7);
  }

  @Test
  void datesAndNumbersFormat() {
    int day = Dates.parseIso("2021-04-03");
    assertThat(Dates.iso(day)).isEqualTo("2021-04-03");
    assertThat(Dates.iso(Dates.parseIso("1990-01-31"))).isEqualTo("1990-01-31");
    assertThat(Dates.slashes(day)).isEqualTo("03/04/2021");
    assertThat(Dates.excelSerial(day)).isEqualTo("44289");
    assertThat(Numbers.tenths(667)).isEqualTo("66.7");
    assertThat(Numbers.tenths(1000)).isEqualTo("100.0");
    assertThat(Numbers.integer(2500)).isEqualTo("2500");
  }
}
