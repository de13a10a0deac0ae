package org.odtrial.analysis.glm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Computing once per cell of identical observations gives bit for bit what computing every
 * observation on its own gives (each observation a cell of its own is exactly the arithmetic of the
 * per-observation loops): IRLS, the monotone IRLS of the profile, theta.ml and the profile's
 * maximum.
 */
class CellsTest {
  /** A trial's count model: arm, a few follow-up times, small overdispersed counts, n rows. */
  private static double[][] data(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] y = new double[n];
    double[] offset = new double[n];
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      int arm = r.nextInt(2);
      x[i] = new double[] {1, arm};
      double years = r.nextInt(10) < 8 ? 2.0 : (1 + r.nextInt(730)) / 365.25;
      offset[i] = Math.log(years);
      double rate = Math.exp(-0.5 + 0.3 * arm) * years * (-Math.log(r.nextDouble()));
      int k = 0;
      for (double t = -Math.log(r.nextDouble()); t < rate; t -= Math.log(r.nextDouble())) {
        k++;
      }
      y[i] = k * (r.nextInt(3) == 0 ? 7 : 1);
    }
    return new double[][] {y, offset, flatten(x)};
  }

  private static double[] flatten(double[][] x) {
    double[] out = new double[x.length * 2];
    for (int i = 0; i < x.length; i++) {
      out[2 * i] = x[i][0];
      out[2 * i + 1] = x[i][1];
    }
    return out;
  }

  private static double[][] rows(double[] flat) {
    double[][] x = new double[flat.length / 2][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {flat[2 * i], flat[2 * i + 1]};
    }
    return x;
  }

  private static void assertSame(Irls.Result a, Irls.Result b) {
    assertThat(a.coefficients()).isEqualTo(b.coefficients());
    assertThat(a.eta()).isEqualTo(b.eta());
    assertThat(a.mu()).isEqualTo(b.mu());
    assertThat(a.workingWeights()).isEqualTo(b.workingWeights());
    assertThat(a.covUnscaled()).isEqualTo(b.covUnscaled());
    assertThat(Double.doubleToRawLongBits(a.deviance()))
        .isEqualTo(Double.doubleToRawLongBits(b.deviance()));
    assertThat(a.iterations()).isEqualTo(b.iterations());
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }

  @Test
  void cellsAreFewAndEveryObservationKeepsItsValues() {
    double[][] d = data(5000, 1);
    Cells c = Cells.of(rows(d[2]), d[0], d[1]);
    assertThat(c.k).isLessThan(5000 / 2);
    assertThat(c.scatter(c.y)).isEqualTo(d[0]);
    assertThat(c.scatter(c.offset)).isEqualTo(d[1]);
    double[] notACellFunction = d[0].clone();
    notACellFunction[4999] += 0.5;
    assertThat(c.gather(d[0])).isNotNull();
    assertThat(c.gather(notACellFunction)).isNull();
  }

  @Test
  void irlsAndThetaMlPerCellAreBitForBitThosePerObservation() {
    for (long seed = 1; seed <= 4; seed++) {
      double[][] d = data(3000, seed);
      double[] y = d[0];
      Cells cells = Cells.of(rows(d[2]), y, d[1]);
      Cells each = cells.singletons();
      for (LogLinkFamily f :
          new LogLinkFamily[] {LogLinkFamily.poisson(), LogLinkFamily.negativeBinomial(0.7)}) {
        Irls.Result a = Irls.fit(cells, null, f, 1e-8, 25);
        Irls.Result b = Irls.fit(each, null, f, 1e-8, 25);
        assertSame(a, b);
        // a start that is a function of the cells, and one that is not
        assertSame(Irls.fit(cells, a.eta(), f, 1e-10, 25), Irls.fit(each, a.eta(), f, 1e-10, 25));
        double[] odd = a.eta().clone();
        odd[0] += 1e-3;
        assertSame(Irls.fit(cells, odd, f, 1e-8, 25), Irls.fit(each, odd, f, 1e-8, 25));
        assertSame(
            Irls.fitMonotone(cells, a.coefficients(), f, 1e-12, 500),
            Irls.fitMonotone(each, a.coefficients(), f, 1e-12, 500));
        ThetaMl byCell = new ThetaMl(y, cells);
        ThetaMl byObservation = new ThetaMl(y);
        assertThat(byCell.estimate(a.mu(), 25)).isEqualTo(byObservation.estimate(a.mu(), 25));
        for (double th : new double[] {0.05, 0.9, 40}) {
          assertThat(bits(byCell.logLik(th, a.mu())))
              .isEqualTo(bits(byObservation.logLik(th, a.mu())));
          assertThat(bits(byCell.stableLogLik(th, a.mu())))
              .isEqualTo(bits(byObservation.stableLogLik(th, a.mu())));
          assertThat(bits(byCell.scoreAt(th, a.mu())))
              .isEqualTo(bits(byObservation.scoreAt(th, a.mu())));
          assertThat(bits(byCell.se(th, a.mu()))).isEqualTo(bits(byObservation.se(th, a.mu())));
        }
      }
      Irls.Result poisson = Irls.fit(cells, null, LogLinkFamily.poisson(), 1e-8, 25);
      ThetaProfile.Maximum m1 = new ThetaProfile(cells, y).maximise(poisson.coefficients());
      ThetaProfile.Maximum m2 = new ThetaProfile(each, y).maximise(poisson.coefficients());
      assertThat(m1.best().theta()).isEqualTo(m2.best().theta());
      assertThat(m1.best().logLik()).isEqualTo(m2.best().logLik());
      assertThat(m1.evaluations()).isEqualTo(m2.evaluations());
    }
  }
}
