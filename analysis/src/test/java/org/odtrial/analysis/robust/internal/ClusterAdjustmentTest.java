package org.odtrial.analysis.robust.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * The closed form and the quadrature of {@link ClusterAdjustment} against the definition computed
 * densely: G = D_v (I - Z M Z') D_v formed as an n x n matrix, its eigen-decomposition, G^{+1/2}
 * with the null eigenvalues dropped (Jacobi, accurate for graded matrices), then Z'G^{+1/2}[D_s e,
 * D_v Z] and Z'G^{+1/2} D_v^2 G^{+1/2} Z. Seeded random clusters of 1 to 40 rows, 1 to 4 columns,
 * working variances spread over five orders of magnitude, and singular cases (a column the other
 * clusters do not inform). Agreement within 1e-10 relative to each matrix's scale (measured:
 * 1e-12).
 */
class ClusterAdjustmentTest {

  @ParameterizedTest
  @CsvSource({
    // seed, rows, columns, log10 spread of v (0 = constant), singular directions
    "1, 1, 2, 0, 0",
    "2, 1, 2, 3, 0",
    "3, 2, 3, 2, 0",
    "4, 5, 2, 0, 1",
    "5, 5, 2, 4, 1",
    "6, 40, 3, 5, 0",
    "7, 40, 4, 5, 2",
    "8, 12, 1, 3, 0",
    "9, 12, 1, 3, 1",
    "10, 3, 4, 2, 0",
    "11, 25, 3, 0, 1"
  })
  void agreesWithTheDenseDefinition(long seed, int n, int p, double spread, int singular) {
    Random rnd = new Random(seed);
    double[][] z = new double[n][p];
    double[] v = new double[n];
    double[] sr = new double[n];
    double scale = Math.exp(rnd.nextGaussian());
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < p; c++) {
        z[i][c] = rnd.nextGaussian();
      }
      v[i] = scale * Math.pow(10, spread * (rnd.nextDouble() - 0.5));
      sr[i] = rnd.nextGaussian() * Math.sqrt(v[i]);
    }
    // the other clusters' information, with `singular` directions they do not inform
    int rows = 3 * p + 5;
    double[][] others = new double[p][p];
    for (int r = 0; r < rows; r++) {
      double[] x = new double[p];
      for (int c = singular; c < p; c++) {
        x[c] = rnd.nextGaussian();
      }
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          others[a][b] += x[a] * x[b];
        }
      }
    }
    double[][] total = Dense.copy(others);
    for (double[] zi : z) {
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          total[a][b] += zi[a] * zi[b];
        }
      }
    }
    if (singular > 0 && n < singular) {
      return; // the total information itself would be singular: not a valid design
    }
    double[][] mU = Dense.inverseSpd(total);
    ClusterAdjustment.Pieces got =
        ClusterAdjustment.of(z, v, sr, others, Dense.cholesky(total), mU);
    double[][][] want = dense(z, v, sr, mU);

    assertThat(got.nullDirections()).isEqualTo(singular);
    assertClose("score", new double[][] {got.score()}, new double[][] {want[0][0]});
    assertClose("jacobian", got.jacobian(), want[1]);
    assertClose("gram", got.gram(), want[2]);
  }

  /** {score}, jacobian, gram from the n x n definition. */
  private static double[][][] dense(double[][] z, double[] v, double[] sr, double[][] mU) {
    int n = z.length;
    int p = mU.length;
    double[][] zmz = Dense.multiply(Dense.multiply(z, mU), Dense.transpose(z));
    double[][] g = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        g[i][j] = v[i] * ((i == j ? 1 : 0) - zmz[i][j]) * v[j];
      }
    }
    // Jacobi rotations: eigenvalues of a graded matrix D B D with high relative accuracy
    // (Demmel and Veselic 1992), where a QR-based solver loses the small ones to rounding
    double[][] u = new double[n][n];
    double[] ev = jacobi(g, u);
    double max = 0;
    for (double e : ev) {
      max = Math.max(max, Math.abs(e));
    }
    double[][] gis = new double[n][n];
    for (int k = 0; k < n; k++) {
      if (ev[k] <= 1e-10 * max) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          gis[i][j] += u[i][k] * u[j][k] / Math.sqrt(ev[k]);
        }
      }
    }
    double[][] t = Dense.multiply(gis, z); // G^{+1/2} Z
    double[][][] out = new double[3][][];
    out[0] = new double[1][p];
    out[1] = new double[p][p];
    out[2] = new double[p][p];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < p; a++) {
        out[0][0][a] += t[i][a] * sr[i];
        for (int b = 0; b < p; b++) {
          out[1][a][b] += t[i][a] * v[i] * z[i][b];
          out[2][a][b] += t[i][a] * v[i] * v[i] * t[i][b];
        }
      }
    }
    return out;
  }

  /** Cyclic Jacobi: returns the eigenvalues of symmetric a, eigenvectors into the columns of u. */
  private static double[] jacobi(double[][] a0, double[][] u) {
    int n = a0.length;
    double[][] a = Dense.copy(a0);
    for (int i = 0; i < n; i++) {
      u[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      boolean rotated = false;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = a[p][q];
          if (Math.abs(apq) <= 1e-300
              || Math.abs(apq) <= 1e-17 * Math.sqrt(Math.abs(a[p][p] * a[q][q]))) {
            continue;
          }
          rotated = true;
          double theta = (a[q][q] - a[p][p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
          for (int k = 0; k < n; k++) {
            double ukp = u[k][p];
            double ukq = u[k][q];
            u[k][p] = c * ukp - s * ukq;
            u[k][q] = s * ukp + c * ukq;
          }
        }
      }
      if (!rotated) {
        break;
      }
    }
    double[] ev = new double[n];
    for (int i = 0; i < n; i++) {
      ev[i] = a[i][i];
    }
    return ev;
  }

  private static void assertClose(String what, double[][] got, double[][] want) {
    double scale = 0;
    for (double[] row : want) {
      for (double x : row) {
        scale = Math.max(scale, Math.abs(x));
      }
    }
    for (int r = 0; r < want.length; r++) {
      for (int c = 0; c < want[r].length; c++) {
        assertThat(Math.abs(got[r][c] - want[r][c]))
            .as("%s[%d][%d]: %s vs dense %s", what, r, c, got[r][c], want[r][c])
            .isLessThanOrEqualTo(1e-10 * scale);
      }
    }
  }
}
