package org.odtrial.analysis.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.odtrial.analysis.glm.CountData;
import org.odtrial.analysis.glm.CountFit;
import org.odtrial.analysis.glm.NegativeBinomialRegression;
import org.odtrial.analysis.mixed.FixedEffect;
import org.odtrial.analysis.mixed.MixedFit;
import org.odtrial.analysis.mixed.RandomInterceptModel;

/**
 * Benchmark (a main, not a timed test): 1,000,000 rows in 2,000 clusters; times the negative
 * binomial fit with its cluster-robust variances (HC0 sandwich and CR2 with Satterthwaite df), the
 * REML random-intercept fit (with Satterthwaite and Kenward-Roger), and the negative binomial fit
 * of bed-day-like counts (80% zeros, long stays) where glm.nb diverges and the profile-likelihood
 * search finds theta. Usage: java ... CountsMixedBenchmark [rows] [clusters] [repeats]
 */
public final class CountsMixedBenchmark {
  private CountsMixedBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int g = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    RandomDataGenerator rng = new RandomDataGenerator(new Well19937c(20261124L));
    String[] clusterNames = new String[g];
    double[] clusterEffect = new double[g];
    double[] clusterNormal = new double[g];
    for (int k = 0; k < g; k++) {
      clusterNames[k] = String.format(Locale.ROOT, "C%05d", k);
      clusterEffect[k] = rng.nextGamma(8, 1.0 / 8);
      clusterNormal[k] = rng.nextGaussian(0, 2);
    }
    double[] count = new double[n];
    double[] beds = new double[n];
    double[] score = new double[n];
    double[] offset = new double[n];
    double[][] x2 = new double[n][];
    double[][] x3 = new double[n][];
    String[] cluster = new String[n];
    double theta = 1.5;
    for (int i = 0; i < n; i++) {
      int k = (int) ((long) i * g / n);
      double arm = k % 2;
      double followup = rng.nextUniform(0.3, 2);
      double mu = followup * clusterEffect[k] * Math.exp(0.2 - 0.4 * arm);
      double lambda = rng.nextGamma(theta, mu / theta);
      count[i] = lambda > 0 ? rng.nextPoisson(lambda) : 0;
      double baseline = Math.round(rng.nextGaussian(30, 8));
      score[i] = 10 + 0.6 * baseline + 2.5 * arm + clusterNormal[k] + rng.nextGaussian(0, 6);
      offset[i] = Math.log(followup);
      beds[i] =
          rng.nextUniform(0, 1) < 0.2 ? 1 + Math.round(rng.nextExponential(40) * followup) : 0;
      x2[i] = new double[] {1, arm};
      x3[i] = new double[] {1, arm, baseline};
      cluster[i] = clusterNames[k];
    }
    CountData data =
        CountData.of(count, x2, List.of("(Intercept)", "armOD"))
            .withOffset(offset)
            .withClusters(cluster);
    CountData bedData =
        CountData.of(beds, x2, List.of("(Intercept)", "armOD"))
            .withOffset(offset)
            .withClusters(cluster);
    RandomInterceptModel lmm =
        RandomInterceptModel.of(score, x3, List.of("(Intercept)", "armOD", "score_0"), cluster);

    System.out.printf(
        Locale.ROOT,
        "rows %d, clusters %d, cores available %d, %s %s%n",
        n,
        g,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    List<Double> nbTimes = new ArrayList<>();
    List<Double> lmmTimes = new ArrayList<>();
    List<Double> nbCpu = new ArrayList<>();
    List<Double> lmmCpu = new ArrayList<>();
    List<Double> bedTimes = new ArrayList<>();
    List<Double> bedCpu = new ArrayList<>();
    CountFit nb = null;
    CountFit bed = null;
    MixedFit mm = null;
    for (int r = 0; r < repeats; r++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      nb = NegativeBinomialRegression.of(data).fit();
      long c1 = cpu.getCurrentThreadCpuTime();
      long t1 = System.nanoTime();
      mm = lmm.fit();
      long c2 = cpu.getCurrentThreadCpuTime();
      long t2 = System.nanoTime();
      bed = NegativeBinomialRegression.of(bedData).fit();
      long c3 = cpu.getCurrentThreadCpuTime();
      long t3 = System.nanoTime();
      bedTimes.add(round((t3 - t2) / 1e9));
      bedCpu.add(round((c3 - c2) / 1e9));
      nbTimes.add(round((t1 - t0) / 1e9));
      lmmTimes.add(round((t2 - t1) / 1e9));
      nbCpu.add(round((c1 - c0) / 1e9));
      lmmCpu.add(round((c2 - c1) / 1e9));
    }
    FixedEffect fe = mm.fixedEffect("armOD");
    System.out.printf(
        Locale.ROOT,
        "NB (glm.nb + vcovCL HC0): theta %.6f, armOD %.6f, robust se %.6f," + " alternations %d%n",
        nb.theta(),
        nb.coefficient("armOD"),
        nb.robustSe()[1],
        nb.thetaAlternations());
    System.out.printf(
        Locale.ROOT,
        "NB CR2: se %.6f, Satterthwaite df %.3f%n",
        nb.cr2().coefficient("armOD").se(),
        nb.cr2().coefficient("armOD").df());
    System.out.printf(
        Locale.ROOT,
        "LMM (REML): armOD %.6f, se %.6f, df %.3f, var_cluster %.6f%n",
        fe.estimate(),
        fe.se(),
        fe.df(),
        mm.varCluster());
    FixedEffect kr = mm.kenwardRoger().fixedEffect("armOD");
    System.out.printf(Locale.ROOT, "LMM Kenward-Roger: se %.6f, df %.3f%n", kr.se(), kr.df());
    System.out.printf(
        Locale.ROOT,
        "bed days: family %s, theta %s, armOD %.6f; %s%n",
        bed.family(),
        bed.theta(),
        bed.coefficient("armOD"),
        bed.notes());
    System.out.printf(
        Locale.ROOT,
        "NB  wall seconds per fit: %s (median %.3f); thread CPU %s%n",
        nbTimes,
        median(nbTimes),
        nbCpu);
    System.out.printf(
        Locale.ROOT,
        "LMM wall seconds per fit: %s (median %.3f); thread CPU %s%n",
        lmmTimes,
        median(lmmTimes),
        lmmCpu);
    System.out.printf(
        Locale.ROOT,
        "bed days (profile search) wall seconds per fit: %s (median %.3f); thread CPU %s%n",
        bedTimes,
        median(bedTimes),
        bedCpu);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }
}
