package org.odtrial.analysis.imputation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The scatter drawn without the missing scores has the distribution of the scatter of drawn scores:
 * the same mean (known exactly) and the same covariance of its entries as summing n explicitly
 * drawn participants, over 20,000 draws of each (fixed seeds).
 */
class PatternScatterTest {
  private static final int DRAWS = 20_000;

  @Test
  void drawnScatterHasTheDistributionOfTheScatterOfDrawnScores() {
    for (int[] shape : new int[][] {{2, 1, 5}, {1, 2, 9}, {0, 3, 4}, {2, 2, 30}}) {
      check(shape[0], shape[1], shape[2]);
    }
  }

  private static void check(int o, int q, int n) {
    Well19937c fixed = new Well19937c(o * 100 + q * 10 + n);
    double[][] d = new double[n][o];
    for (double[] row : d) {
      for (int a = 0; a < o; a++) {
        row[a] = 3 * fixed.nextGaussian() + a;
      }
    }
    double[][] k = new double[q][o];
    double[][] c = new double[q][q];
    for (int a = 0; a < q; a++) {
      for (int b = 0; b < o; b++) {
        k[a][b] = fixed.nextGaussian();
      }
      for (int b = 0; b <= a; b++) {
        c[a][b] = b == a ? 1 + fixed.nextDouble() : fixed.nextGaussian();
      }
    }
    double[][] e = PatternScatter.product(PatternScatter.transpose(d, n, o), d, o, n, o);
    double[][] cholE =
        o == 0 ? new double[0][0] : org.odtrial.analysis.linear.internal.Dense.cholesky(e);
    int m = o * q + q * (q + 1) / 2;
    double[][] drawn = new double[DRAWS][];
    double[][] summed = new double[DRAWS][];
    Draws a = new Draws(new Well19937c(1));
    Draws b = new Draws(new Well19937c(2));
    for (int r = 0; r < DRAWS; r++) {
      drawn[r] = flatten(PatternScatter.draw(a, e, cholE, k, c, n), o, q);
      summed[r] = flatten(explicit(b, d, k, c), o, q);
    }
    // exact mean: sum e_o e_m' = E K', sum e_m e_m' = K E K' + n C C'
    double[][] kt = PatternScatter.transpose(k, q, o);
    double[][] om = PatternScatter.product(e, kt, o, o, q);
    double[][] mm = PatternScatter.product(k, om, q, o, q);
    double[][] cct = PatternScatter.product(c, PatternScatter.transpose(c, q, q), q, q, q);
    for (int x = 0; x < q; x++) {
      for (int y = 0; y < q; y++) {
        mm[x][y] += n * cct[x][y];
      }
    }
    double[] exact = flatten(new PatternScatter.Blocks(om, mm), o, q);
    double[] meanDrawn = mean(drawn);
    double[] meanSummed = mean(summed);
    double[][] covDrawn = cov(drawn, meanDrawn);
    double[][] covSummed = cov(summed, meanSummed);
    for (int j = 0; j < m; j++) {
      double se = Math.sqrt(covSummed[j][j] / DRAWS);
      assertThat(meanDrawn[j])
          .as("mean %d of (%d, %d, %d)", j, o, q, n)
          .isCloseTo(exact[j], org.assertj.core.api.Assertions.within(4.5 * se));
      assertThat(meanSummed[j])
          .isCloseTo(exact[j], org.assertj.core.api.Assertions.within(4.5 * se));
      for (int l = 0; l <= j; l++) {
        double scale = Math.sqrt(covSummed[j][j] * covSummed[l][l]);
        // correlations and variance ratios agree within Monte Carlo error (se about 0.01-0.02)
        assertThat(covDrawn[j][l] / scale)
            .as("covariance %d %d of (%d, %d, %d)", j, l, o, q, n)
            .isCloseTo(covSummed[j][l] / scale, org.assertj.core.api.Assertions.within(0.08));
      }
    }
  }

  /** The sums over n participants whose missing deviations are drawn one by one. */
  private static PatternScatter.Blocks explicit(
      Draws draws, double[][] d, double[][] k, double[][] c) {
    int o = d[0].length;
    int q = c.length;
    double[][] om = new double[o][q];
    double[][] mm = new double[q][q];
    double[] em = new double[q];
    double[] z = new double[q];
    for (double[] eo : d) {
      for (int a = 0; a < q; a++) {
        z[a] = draws.normal();
      }
      for (int a = 0; a < q; a++) {
        double v = 0;
        for (int x = 0; x < o; x++) {
          v += k[a][x] * eo[x];
        }
        for (int x = 0; x <= a; x++) {
          v += c[a][x] * z[x];
        }
        em[a] = v;
      }
      for (int a = 0; a < o; a++) {
        for (int x = 0; x < q; x++) {
          om[a][x] += eo[a] * em[x];
        }
      }
      for (int a = 0; a < q; a++) {
        for (int x = 0; x < q; x++) {
          mm[a][x] += em[a] * em[x];
        }
      }
    }
    return new PatternScatter.Blocks(om, mm);
  }

  private static double[] flatten(PatternScatter.Blocks b, int o, int q) {
    double[] out = new double[o * q + q * (q + 1) / 2];
    int j = 0;
    for (int a = 0; a < o; a++) {
      for (int x = 0; x < q; x++) {
        out[j++] = b.observedMissing()[a][x];
      }
    }
    for (int a = 0; a < q; a++) {
      for (int x = 0; x <= a; x++) {
        out[j++] = b.missing()[a][x];
      }
    }
    return out;
  }

  private static double[] mean(double[][] rows) {
    double[] m = new double[rows[0].length];
    for (double[] r : rows) {
      for (int j = 0; j < m.length; j++) {
        m[j] += r[j] / rows.length;
      }
    }
    return m;
  }

  private static double[][] cov(double[][] rows, double[] mean) {
    int m = mean.length;
    double[][] out = new double[m][m];
    for (double[] r : rows) {
      for (int j = 0; j < m; j++) {
        for (int l = 0; l < m; l++) {
          out[j][l] += (r[j] - mean[j]) * (r[l] - mean[l]) / (rows.length - 1);
        }
      }
    }
    return out;
  }
}
