package org.odtrial.analysis.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.odtrial.analysis.linear.LinearFit;
import org.odtrial.analysis.linear.LinearRegression;

/**
 * Several responses on one design ({@link LeastSquaresDesign}, {@link Cr2.Design}) give exactly,
 * bit for bit, what a whole fit of each response gives: the imputation rows rely on it to keep
 * their results unchanged.
 */
class LeastSquaresDesignTest {
  private static final List<String> TERMS = List.of("(Intercept)", "arm", "baseline");
  private static final double[][] CONTRASTS = {{0, 1, 0}, {1, 0, 0}, {0.5, -1, 2}};

  /** x = (1, arm, baseline), clusters of the given sizes, arm alternating by cluster. */
  private static double[][] design(Random rnd, int[] sizes, String[] labels, int armOfFirst) {
    int n = labels.length;
    double[][] x = new double[n][];
    int i = 0;
    for (int g = 0; g < sizes.length; g++) {
      double arm = g == 0 ? armOfFirst : g % 2;
      for (int k = 0; k < sizes[g]; k++) {
        labels[i] = "c" + (g * 7 % sizes.length); // not in sorted order
        x[i++] = new double[] {1, arm, 50 + 10 * rnd.nextGaussian()};
      }
    }
    return x;
  }

  private static double[] response(Random rnd, double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = 3 + 2 * x[i][1] + 0.5 * x[i][2] + 8 * rnd.nextGaussian();
    }
    return y;
  }

  private static void assertSame(LeastSquaresDesign.Fit fit, LinearFit whole) {
    assertThat(fit.coefficients()).containsExactly(whole.coefficients());
    Cr2 a = fit.cr2();
    Cr2 b = whole.cr2();
    assertThat(a.vcov()).isDeepEqualTo(b.vcov());
    assertThat(a.se()).containsExactly(b.se());
    assertThat(a.clusters()).isEqualTo(b.clusters());
    assertThat(a.singularClusters()).isEqualTo(b.singularClusters());
    for (double[] c : CONTRASTS) {
      assertThat(a.contributions(c)).containsExactly(b.contributions(c));
      assertThat(a.satterthwaiteDf(c)).isEqualTo(b.satterthwaiteDf(c));
      assertThat(a.contrast(c)).isEqualTo(b.contrast(c));
    }
  }

  private static LinearFit whole(double[] y, double[][] x, String[] labels) {
    return LinearRegression.of(y, x, TERMS).withClusters(labels).fit();
  }

  @Test
  void everyResponseEqualsItsOwnFitExactly() {
    Random rnd = new Random(20261202);
    // small and large clusters (one of 400 rows), unequal sizes
    int[] sizes = {5, 25, 400, 3, 30, 12, 2, 60};
    int n = 0;
    for (int s : sizes) {
      n += s;
    }
    String[] labels = new String[n];
    double[][] x = design(rnd, sizes, labels, 0);
    LeastSquaresDesign shared = LeastSquaresDesign.of(x, labels, TERMS);
    for (int r = 0; r < 4; r++) {
      double[] y = response(rnd, x);
      assertSame(shared.fit(y), whole(y, x, labels));
    }
    // an indicator response (the tipping point's shift)
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = x[i][1] == 1 && i % 3 == 0 ? 1 : 0;
    }
    assertSame(shared.fit(s), whole(s, x, labels));
    // another design on the same rows and clusters (another imputed baseline)
    for (int r = 0; r < 3; r++) {
      double[][] x2 = new double[n][];
      for (int i = 0; i < n; i++) {
        x2[i] = new double[] {1, x[i][1], x[i][2] + (i % 5 == 0 ? 5 * rnd.nextGaussian() : 0)};
      }
      LeastSquaresDesign other = shared.with(x2);
      double[] y = response(rnd, x2);
      assertSame(other.fit(y), whole(y, x2, labels));
      assertSame(other.fit(s), whole(s, x2, labels));
    }
  }

  @Test
  void aSingularClusterIsHandledAsInTheWholeFit() {
    // one cluster alone in its arm: its adjustment matrix has a null direction
    Random rnd = new Random(7);
    int[] sizes = {6, 8, 9, 7, 10};
    String[] labels = new String[40];
    double[][] x = new double[40][];
    int i = 0;
    for (int g = 0; g < sizes.length; g++) {
      for (int k = 0; k < sizes[g]; k++) {
        labels[i] = "k" + g;
        x[i++] = new double[] {1, g == 0 ? 1 : 0, rnd.nextGaussian()};
      }
    }
    LeastSquaresDesign shared = LeastSquaresDesign.of(x, labels, TERMS);
    double[] y = response(rnd, x);
    LeastSquaresDesign.Fit fit = shared.fit(y);
    assertThat(fit.cr2().singularClusters()).isEqualTo(1);
    assertSame(fit, whole(y, x, labels));
  }

  @Test
  void missingValuesAndTooFewRowsAreRefused() {
    String[] labels = {"a", "a", "b", "b"};
    double[][] x = {{1, 0, 1}, {1, 0, 2}, {1, 1, Double.NaN}, {1, 1, 4}};
    assertThatThrownBy(() -> LeastSquaresDesign.of(x, labels, TERMS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 3");
    double[][] three = {{1, 0, 1}, {1, 0, 2}, {1, 1, 3}};
    assertThatThrownBy(() -> LeastSquaresDesign.of(three, new String[] {"a", "a", "b"}, TERMS))
        .isInstanceOf(IllegalArgumentException.class);
    double[][] ok = {{1, 0, 1}, {1, 0, 2}, {1, 1, 3}, {1, 1, 5}};
    LeastSquaresDesign d = LeastSquaresDesign.of(ok, labels, TERMS);
    assertThatThrownBy(() -> d.fit(new double[] {1, 2, Double.NaN, 4}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
