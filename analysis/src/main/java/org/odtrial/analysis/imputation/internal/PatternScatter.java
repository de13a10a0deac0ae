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
    Work work = new Work(e.length, c.length);
    work.draw(draws, e, cholE, k, c, n);
    return new Blocks(work.observedMissing, work.missing);
  }

  /**
   * The arrays of one pattern's draws, kept from one iteration of the sampler to the next (the
   * sampler draws each pattern's scatter at every iteration: the same arithmetic as {@link #draw},
   * without allocating).
   */
  public static final class Work {
    private final int o;
    private final int q;
    private final double[][] w;
    private final double[][] bartlett; // lower triangular; the upper triangle stays 0
    private final double[][] dz;
    private final double[][] zzw;
    private final double[][] inner;

    /** o x q: sum e_o e_m' of the last draw. */
    public final double[][] observedMissing;

    /** q x q: sum e_m e_m' of the last draw. */
    public final double[][] missing;

    public Work(int o, int q) {
      this.o = o;
      this.q = q;
      w = new double[o][q];
      bartlett = new double[q][q];
      dz = new double[o][q];
      zzw = new double[q][q];
      inner = new double[q][q];
      observedMissing = new double[o][q];
      missing = new double[q][q];
    }

    /** As {@link PatternScatter#draw}, into {@link #observedMissing} and {@link #missing}. */
    public void draw(
        Draws draws, double[][] e, double[][] cholE, double[][] k, double[][] c, int n) {
      if (e.length != o || c.length != q) {
        throw new IllegalArgumentException("pattern of another shape");
      }
      if (n < o + q) {
        throw new IllegalArgumentException("needs at least o + q participants");
      }
      for (int a = 0; a < o; a++) {
        for (int b = 0; b < q; b++) {
          w[a][b] = draws.normal();
        }
      }
      draws.bartlett(n - o, bartlett);
      // the products below are written out (no transposed copies), each sum in the order of the
      // plain matrix product: Wishart(n - o, I) = A A', W'W, D'Z = chol(E) W, then the blocks of
      // the class comment
      double[][] a = bartlett;
      for (int i = 0; i < o; i++) {
        for (int j = 0; j < q; j++) {
          double v = 0;
          for (int x = 0; x < o; x++) {
            v += cholE[i][x] * w[x][j];
          }
          dz[i][j] = v;
        }
      }
      double[][] om = observedMissing; // E K' + D'Z C'
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
      for (int i = 0; i < q; i++) { // Z'Z = A A' + W'W
        for (int j = 0; j < q; j++) {
          double zz = 0;
          for (int x = 0; x < q; x++) {
            zz += a[i][x] * a[j][x];
          }
          double v = 0;
          for (int x = 0; x < o; x++) {
            v += w[x][i] * w[x][j];
          }
          zzw[i][j] = zz + v;
        }
      }
      // sum e_m e_m' = K (E K' + D'Z C') + C (Z'D K' + Z'Z C')
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
      double[][] mm = missing;
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
      for (int x = 0; x < q; x++) {
        for (int y = 0; y < x; y++) {
          double v = 0.5 * (mm[x][y] + mm[y][x]);
          mm[x][y] = v;
          mm[y][x] = v;
        }
      }
    }
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
