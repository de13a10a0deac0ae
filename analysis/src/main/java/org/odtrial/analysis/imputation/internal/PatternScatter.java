package org.odtrial.analysis.imputation.internal;

/**
 * The sums of squares and products that n participants with one pattern of missing scores add to
 * the within-cluster scatter matrix when their missing scores are drawn, drawn without drawing the
 * scores. Participant i has observed deviations e_o,i (o of them, known) and missing deviations
 * e_m,i = K e_o,i + C z_i (q of them: K the regression of the missing on the observed, C C' the
 * conditional covariance, z_i independent standard normal). Their sums are
 *
 * <pre>
 *   sum e_o e_m' = E K' + D'Z C'
 *   sum e_m e_m' = K E K' + K D'Z C' + C Z'D K' + C Z'Z C'
 * </pre>
 *
 * with E = D'D = sum e_o e_o', D the n x o matrix of the e_o,i and Z the n x q matrix of the z_i.
 * Writing D = Q_1 R (thin QR) and completing Q_1 to an orthogonal Q = [Q_1 Q_2], Q'Z is again a
 * matrix of independent standard normals, so D'Z = R' W and Z'Z = W'W + U with W = Q_1'Z (o x q,
 * independent standard normals), U = (Q_2'Z)'(Q_2'Z) ~ Wishart(n - o, I) independent of W, and R' =
 * chol(E). The draw has exactly the distribution of the sums over the n drawn participants, for o q
 * + q(q+1)/2 normal and chi-square draws instead of n q.
 */
public final class PatternScatter {
  private PatternScatter() {}

  /**
   * @param observedMissing o x q: sum e_o e_m'
   * @param missing q x q: sum e_m e_m'
   */
  public record Blocks(double[][] observedMissing, double[][] missing) {}

  /**
   * @param e E = sum e_o e_o' (o x o)
   * @param cholE its lower Cholesky factor (E positive definite: the e_o span o dimensions)
   * @param k K (q x o)
   * @param c C, lower triangular (q x q)
   * @param n the number of participants, at least o + q
   */
  public static Blocks draw(
      Draws draws, double[][] e, double[][] cholE, double[][] k, double[][] c, int n) {
    int o = e.length;
    int q = c.length;
    if (n < o + q) {
      throw new IllegalArgumentException("needs at least o + q participants");
    }
    double[][] w = new double[o][q];
    for (int a = 0; a < o; a++) {
      for (int b = 0; b < q; b++) {
        w[a][b] = draws.normal();
      }
    }
    double[][] zz = draws.wishartIdentity(n - o, q);
    // the products below are written out (no transposed copies), each sum in the order of the
    // plain matrix product: W'W, D'Z = chol(E) W, then the blocks of the comment above
    double[][] dz = new double[o][q]; // D'Z
    for (int i = 0; i < o; i++) {
      for (int j = 0; j < q; j++) {
        double v = 0;
        for (int x = 0; x < o; x++) {
          v += cholE[i][x] * w[x][j];
        }
        dz[i][j] = v;
      }
    }
    double[][] om = new double[o][q]; // E K' + D'Z C'
    for (int i = 0; i < o; i++) {
      for (int j = 0; j < q; j++) {
        double v = 0;
        for (int x = 0; x < o; x++) {
          v += e[i][x] * k[j][x];
        }
        double u = 0;
        for (int x = 0; x < q; x++) {
          u += dz[i][x] * c[j][x];
        }
        om[i][j] = v + u;
      }
    }
    double[][] zzw = new double[q][q]; // Z'Z = zz + W'W
    for (int i = 0; i < q; i++) {
      for (int j = 0; j < q; j++) {
        double v = 0;
        for (int x = 0; x < o; x++) {
          v += w[x][i] * w[x][j];
        }
        zzw[i][j] = zz[i][j] + v;
      }
    }
    // sum e_m e_m' = K (E K' + D'Z C') + C (Z'D K' + Z'Z C')
    double[][] inner = new double[q][q];
    for (int i = 0; i < q; i++) {
      for (int j = 0; j < q; j++) {
        double v = 0;
        for (int x = 0; x < o; x++) {
          v += dz[x][i] * k[j][x];
        }
        double u = 0;
        for (int x = 0; x < q; x++) {
          u += zzw[i][x] * c[j][x];
        }
        inner[i][j] = v + u;
      }
    }
    double[][] mm = new double[q][q];
    for (int i = 0; i < q; i++) {
      for (int j = 0; j < q; j++) {
        double v = 0;
        for (int x = 0; x < o; x++) {
          v += k[i][x] * om[x][j];
        }
        double u = 0;
        for (int x = 0; x < q; x++) {
          u += c[i][x] * inner[x][j];
        }
        mm[i][j] = v + u;
      }
    }
    for (int a = 0; a < q; a++) {
      for (int b = 0; b < a; b++) {
        double v = 0.5 * (mm[a][b] + mm[b][a]);
        mm[a][b] = v;
        mm[b][a] = v;
      }
    }
    return new Blocks(om, mm);
  }

  /** The r x cols product of a (r x k) and b (k x cols); any dimension may be 0 (tests). */
  static double[][] product(double[][] a, double[][] b, int r, int k, int cols) {
    double[][] out = new double[r][cols];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < cols; j++) {
        double v = 0;
        for (int x = 0; x < k; x++) {
          v += a[i][x] * b[x][j];
        }
        out[i][j] = v;
      }
    }
    return out;
  }

  /** The transpose of the r x cols matrix a; any dimension may be 0. */
  static double[][] transpose(double[][] a, int r, int cols) {
    double[][] out = new double[cols][r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < cols; j++) {
        out[j][i] = a[i][j];
      }
    }
    return out;
  }
}
