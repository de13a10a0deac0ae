package org.odtrial.analysis.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odtrial.analysis.survival.RReference.REL_ESTIMATE;
import static org.odtrial.analysis.survival.RReference.REL_P;
import static org.odtrial.analysis.survival.RReference.close;
import static org.odtrial.analysis.survival.RReference.vec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cox models against coxph: coefficients, variances, log likelihoods, tests, robust variance. */
class CoxModelRTest {

  private static final Dataset LUNG = Dataset.load("/r/datasets/lung.csv");
  private static final Dataset VETERAN = Dataset.load("/r/datasets/veteran.csv");
  private static final Dataset OVARIAN = Dataset.load("/r/datasets/ovarian.csv");
  private static final Dataset COLON = Dataset.load("/r/datasets/colon.csv");
  private static final Dataset BLADDER = Dataset.load("/r/datasets/bladder.csv");
  private static final Dataset TIES = Dataset.load("/r/datasets/clustered_ties.csv");
  private static final Dataset MONO = Dataset.load("/r/datasets/monotone.csv");
  private static final List<String> CELLTYPE = List.of("squamous", "smallcell", "adeno", "large");

  @Test
  void lungEfronAndBreslow() {
    Dataset d = LUNG.where(i -> true, "time", "status", "age", "sex", "ph.ecog");
    CoxModel m =
        CoxModel.of(d.nums("time"), d.events("status", 2), d.design("age", "sex", "ph.ecog"));
    check("cox.lung.efron", m.withTies(Ties.EFRON).fit());
    check("cox.lung.breslow", m.withTies(Ties.BRESLOW).fit());
  }

  @Test
  void ovarianSmallSample() {
    check(
        "cox.ovarian.efron",
        CoxModel.of(
                OVARIAN.nums("futime"), OVARIAN.events("fustat", 1), OVARIAN.design("age", "rx"))
            .fit());
  }

  @Test
  void stratifiedEfronAndBreslow() {
    CoxModel m =
        CoxModel.of(
                VETERAN.nums("time"), VETERAN.events("status", 1), VETERAN.design("trt", "karno"))
            .withStrata(VETERAN.codes("celltype", CELLTYPE));
    check("cox.veteran.strata", m.fit());
    check("cox.veteran.strata.breslow", m.withTies(Ties.BRESLOW).fit());
  }

  @Test
  void clusteredStratifiedWithFactor() {
    int[] rx = COLON.codes("rx", List.of("Obs", "Lev", "Lev+5FU"));
    double[][] x = new double[COLON.size()][];
    double[] age = COLON.nums("age");
    double[] nodes = COLON.nums("nodes");
    int kept = 0;
    boolean[] keep = new boolean[COLON.size()];
    for (int i = 0; i < x.length; i++) {
      keep[i] = !Double.isNaN(nodes[i]);
      kept += keep[i] ? 1 : 0;
    }
    Dataset d = COLON.where(i -> keep[i]);
    assertThat(d.size()).isEqualTo(kept);
    int[] rxK = d.codes("rx", List.of("Obs", "Lev", "Lev+5FU"));
    double[][] xk = new double[d.size()][];
    for (int i = 0; i < xk.length; i++) {
      xk[i] =
          new double[] {
            rxK[i] == 1 ? 1 : 0, rxK[i] == 2 ? 1 : 0, d.num("age", i), d.num("nodes", i)
          };
    }
    assertThat(rx).hasSize(age.length);
    check(
        "cox.colon.cluster",
        CoxModel.of(d.nums("time"), d.events("status", 1), xk)
            .withStrata(d.ints("etype"))
            .withClusters(d.ints("id"))
            .fit());
  }

  @Test
  void bladderMarginalModel() {
    check(
        "cox.bladder.cluster",
        CoxModel.of(
                BLADDER.nums("stop"),
                BLADDER.events("event", 1),
                BLADDER.design("rx", "size", "number"))
            .withStrata(BLADDER.ints("enum"))
            .withClusters(BLADDER.ints("id"))
            .fit());
  }

  @Test
  void heavyTiesWithClusters() {
    CoxModel m =
        CoxModel.of(TIES.nums("time"), TIES.events("status", 1), TIES.design("trt", "x"))
            .withClusters(TIES.ints("cluster"));
    check("cox.ties.efron.cluster", m.withTies(Ties.EFRON).fit());
    check("cox.ties.breslow.cluster", m.withTies(Ties.BRESLOW).fit());
    check("cox.ties.strata.cluster", m.withStrata(TIES.ints("stratum")).fit());
  }

  @Test
  void constantCovariateIsAliased() {
    CoxFit fit =
        CoxModel.of(TIES.nums("time"), TIES.events("status", 1), TIES.design("trt", "const", "x"))
            .withNames(List.of("trt", "const", "x"))
            .fit();
    check("cox.ties.const", fit);
    assertThat(fit.aliased()).containsExactly(false, true, false);
    assertThat(fit.notes())
        .anySatisfy(n -> assertThat(n).contains("const").contains("not estimable"));
  }

  @Test
  void monotoneLikelihoodIsFlagged() {
    JsonNode v = RReference.values("cox.monotone");
    CoxFit fit =
        CoxModel.of(MONO.nums("time"), MONO.events("status", 1), MONO.design("grp", "z"))
            .withNames(List.of("grp", "z"))
            .fit();
    assertThat(v.get("warnings").get(0).asText()).contains("Loglik converged before variable  1");
    assertThat(fit.possiblyInfinite()).containsExactly(true, false);
    assertThat(fit.notes())
        .anySatisfy(n -> assertThat(n).contains("Loglik converged before variable grp"));
    assertThat(fit.converged()).isTrue();
    assertThat(fit.iterations()).isEqualTo(v.get("iter").asInt());
    // The diverging coefficient only tracks R loosely (it is where the loglik flattened out); the
    // finite one and the log likelihood agree.
    assertThat(fit.coef()[0]).isLessThan(-15);
    close(fit.coef()[0], vec(v.get("coef"))[0], 1e-3, "cox.monotone grp (loose: diverging)");
    close(fit.coef()[1], vec(v.get("coef"))[1], REL_ESTIMATE, "cox.monotone z");
    close(fit.loglikFinal(), vec(v.get("loglik"))[1], REL_ESTIMATE, "cox.monotone loglik");
    close(fit.loglikInitial(), vec(v.get("loglik"))[0], REL_ESTIMATE, "cox.monotone loglik0");
  }

  static void check(String id, CoxFit fit) {
    check(id, RReference.values(id), fit);
  }

  /** Compares a fit with the values of a {@code cox_case} of any of the R scripts. */
  static void check(String id, JsonNode v, CoxFit fit) {
    double[] coef = vec(v.get("coef"));
    int p = coef.length;
    assertThat(fit.coef()).as(id + " coef length").hasSize(p);
    close(fit.coef(), coef, REL_ESTIMATE, id + " coef");
    double[] loglik = vec(v.get("loglik"));
    close(fit.loglikInitial(), loglik[0], REL_ESTIMATE, id + " loglik[1]");
    close(fit.loglikFinal(), loglik[1], REL_ESTIMATE, id + " loglik[2]");
    assertThat(fit.iterations()).as(id + " iter").isEqualTo(v.get("iter").asInt());
    assertThat(fit.converged()).as(id + " converged").isTrue();
    close(fit.scoreTest(), v.get("score").asDouble(), REL_ESTIMATE, id + " score test");
    assertThat(fit.n()).as(id + " n").isEqualTo(v.get("n").asInt());
    assertThat(fit.events()).as(id + " events").isEqualTo(v.get("nevent").asInt());
    double[][] var = RReference.mat(v.get("var"));
    double[][] robust = v.has("robust_var") ? RReference.mat(v.get("robust_var")) : null;
    assertThat(fit.robustVar() == null).as(id + " robust present").isEqualTo(robust == null);
    for (int i = 0; i < p; i++) {
      if (Double.isNaN(coef[i])) {
        continue; // aliased: R stores 0 in var, this reports NaN
      }
      for (int j = 0; j < p; j++) {
        if (Double.isNaN(coef[j])) {
          continue;
        }
        close(fit.var()[i][j], var[i][j], REL_ESTIMATE, id + " var[" + i + "][" + j + "]");
        if (robust != null) {
          close(
              fit.robustVar()[i][j],
              robust[i][j],
              REL_ESTIMATE,
              id + " robust var[" + i + "][" + j + "]");
        }
      }
    }
    close(fit.z(), vec(v.get("wald_z")), REL_ESTIMATE, id + " z");
    close(fit.pValue(), vec(v.get("p_value")), REL_P, id + " p");
    close(fit.hazardRatio(), vec(v.get("hr")), REL_ESTIMATE, id + " HR");
    close(fit.hrLower(), vec(v.get("hr_lower")), REL_ESTIMATE, id + " HR lower");
    close(fit.hrUpper(), vec(v.get("hr_upper")), REL_ESTIMATE, id + " HR upper");
    assertThat(fit.possiblyInfinite()).as(id + " no infinite warning").containsOnly(false);
  }
}
