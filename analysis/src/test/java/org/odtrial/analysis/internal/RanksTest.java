package org.odtrial.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link Ranks} against the plain definitions: a stable comparison sort of the indices by {@link
 * Double#compare}, and dense ranks from the sorted distinct values, on whole numbers in small and
 * wide ranges (counted) and on values that are not (sorted).
 */
class RanksTest {

  @Test
  void wholeNumbersAndOtherValuesRankAndSortAsTheDefinitions() {
    Random r = new Random(20261202);
    for (int round = 0; round < 300; round++) {
      int n = r.nextInt(400);
      double[] key = new double[n];
      int kind = round % 6;
      for (int i = 0; i < n; i++) {
        key[i] =
            switch (kind) {
              case 0 -> r.nextInt(731); // days
              case 1 -> r.nextInt(7) - 3; // few codes, negatives
              case 2 -> r.nextInt(1 << 20); // wider than twice n: sorted
              case 3 -> r.nextInt(50) + r.nextInt(4) / 4.0; // fractions
              case 4 -> r.nextBoolean() ? 0.0 : r.nextBoolean() ? -0.0 : r.nextInt(3);
              default -> r.nextBoolean() ? 1e300 * r.nextInt(3) : -r.nextInt(5);
            };
      }
      assertThat(Ranks.orderAscending(key)).isEqualTo(stableOrder(key, false));
      assertThat(Ranks.orderDescending(key)).isEqualTo(stableOrder(key, true));
      Ranks.Dense d = Ranks.of(key);
      double[] distinct = distinct(key);
      assertThat(d.distinct()).isEqualTo(distinct.length);
      for (int i = 0; i < n; i++) {
        assertThat(Double.compare(distinct[d.rank()[i]], key[i])).isZero();
      }
      int[] codes = new int[n];
      for (int i = 0; i < n; i++) {
        codes[i] =
            kind == 2
                ? r.nextInt()
                : kind == 1 ? Integer.MIN_VALUE + r.nextInt(3) : r.nextInt(2000) - 5;
      }
      int[] sortedCodes = IntStream.of(codes).distinct().sorted().toArray();
      assertThat(Ranks.distinct(codes)).isEqualTo(sortedCodes);
      Ranks.Dense dc = Ranks.of(codes);
      assertThat(dc.distinct()).isEqualTo(sortedCodes.length);
      for (int i = 0; i < n; i++) {
        assertThat(sortedCodes[dc.rank()[i]]).isEqualTo(codes[i]);
      }
    }
  }

  @Test
  void negativeZeroAndNanKeepTheirPlacesInDoubleCompareOrder() {
    double[] key = {0.0, Double.NaN, -0.0, 2, -0.0, 0.0, Double.NaN, -1};
    assertThat(Ranks.orderAscending(key)).containsExactly(7, 2, 4, 0, 5, 3, 1, 6);
    assertThat(Ranks.of(key).distinct()).isEqualTo(5);
  }

  @Test
  void emptyInput() {
    assertThat(Ranks.orderAscending(new double[0])).isEmpty();
    assertThat(Ranks.of(new int[0]).distinct()).isZero();
    assertThat(Ranks.distinct(new int[0])).isEmpty();
  }

  private static int[] stableOrder(double[] key, boolean descending) {
    Comparator<Integer> byKey = (a, b) -> Double.compare(key[a], key[b]);
    return IntStream.range(0, key.length)
        .boxed()
        .sorted(descending ? byKey.reversed() : byKey)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private static double[] distinct(double[] key) {
    return Arrays.stream(key)
        .boxed()
        .distinct()
        .sorted()
        .mapToDouble(Double::doubleValue)
        .toArray();
  }
}
