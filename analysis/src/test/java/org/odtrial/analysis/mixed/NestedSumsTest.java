package org.odtrial.analysis.mixed;

import static org.odtrial.analysis.fixtures.RFixture.assertMatrix;
import static org.odtrial.analysis.fixtures.RFixture.assertRelative;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kenward-Roger for nested participant and cluster intercepts through the closed form ({@link
 * NestedSums}) equals the dense blocks of {@link KenwardRoger} (themselves checked against
 * pbkrtest) to 1e-10: unbalanced clusters, participants with one to four visits, clusters of one
 * participant, either factor added first, and variance components at 0 (singular fits).
 */
class NestedSumsTest {
  @ParameterizedTest
  @CsvSource({
    "1, 12, 3.0, 1.5, 20.0, false",
    "2, 4, 3.0, 0.0, 20.0, false",
    "3, 9, 0.0, 2.0, 15.0, true",
    "4, 15, 0.0, 0.0, 30.0, true",
    "5, 6, 10.0, 0.3, 1.0, false"
  })
  void closedFormEqualsDenseBlocks(
      long seed, int clusters, double varP, double varC, double sigma2, boolean clusterFirst) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<double[]> xs = new java.util.ArrayList<>();
    List<Double> ys = new java.util.ArrayList<>();
    List<String> cl = new java.util.ArrayList<>();
    List<String> pt = new java.util.ArrayList<>();
    int id = 0;
    for (int g = 0; g < clusters; g++) {
      int people = g % 3 == 0 ? 1 : 1 + rnd.nextInt(12);
      double arm = g % 2;
      for (int i = 0; i < people; i++) {
        int visits = 1 + rnd.nextInt(4);
        double base = 30 + 8 * rnd.nextGaussian();
        id++;
        for (int v = 0; v < visits; v++) {
          xs.add(new double[] {1, arm, v == 1 ? 1 : 0, base, v == 1 ? arm : 0});
          ys.add(10 + 0.5 * base + 2 * arm + 5 * rnd.nextGaussian());
          cl.add("C" + g);
          pt.add("P" + id);
        }
      }
    }
    double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
    double[][] x = xs.toArray(double[][]::new);
    List<String> terms = List.of("(Intercept)", "armOD", "t2", "score_0", "armOD:t2");
    KenwardRoger kr = KenwardRoger.of(y, x, terms);
    double[] gamma;
    if (clusterFirst) {
      kr =
          kr.withRandomIntercept("cluster_id", cl.toArray(String[]::new))
              .withRandomIntercept("participant_id", pt.toArray(String[]::new));
      gamma = new double[] {varC, varP};
    } else {
      kr =
          kr.withRandomIntercept("participant_id", pt.toArray(String[]::new))
              .withRandomIntercept("cluster_id", cl.toArray(String[]::new));
      gamma = new double[] {varP, varC};
    }
    KenwardRogerFit fast = kr.at(gamma, sigma2);
    KenwardRogerFit dense = kr.atDense(gamma, sigma2);
    assertRelative("beta", fast.beta(), dense.beta(), 1e-10);
    assertMatrix("vcov", fast.vcov(), dense.vcov(), 1e-10);
    assertMatrix("vcovAdj", fast.adjustedVcov(), dense.adjustedVcov(), 1e-10);
    assertMatrix("W", fast.varianceCovariance(), dense.varianceCovariance(), 1e-10);
    double[] l = {0, 1, 0, 0, 1};
    assertRelative("df", fast.df(l), dense.df(l), 1e-10);
    for (String t : terms) {
      assertRelative("df " + t, fast.fixedEffect(t).df(), dense.fixedEffect(t).df(), 1e-10);
    }
  }
}
