package org.odtrial.analysis.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odtrial.analysis.survival.RReference.REL_ESTIMATE;
import static org.odtrial.analysis.survival.RReference.REL_P;
import static org.odtrial.analysis.survival.RReference.close;
import static org.odtrial.analysis.survival.RReference.vec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Log-rank tests against survdiff. */
class LogRankRTest {

  private static final Dataset LUNG = Dataset.load("/r/datasets/lung.csv");
  private static final Dataset VETERAN = Dataset.load("/r/datasets/veteran.csv");
  private static final Dataset COLON = Dataset.load("/r/datasets/colon.csv");
  private static final Dataset TIES = Dataset.load("/r/datasets/clustered_ties.csv");
  private static final List<String> CELLTYPE = List.of("squamous", "smallcell", "adeno", "large");

  @Test
  void twoGroups() {
    check(
        "logrank.lung.sex",
        LogRank.of(LUNG.nums("time"), LUNG.events("status", 2), LUNG.ints("sex")).test());
    check(
        "logrank.veteran.trt",
        LogRank.of(VETERAN.nums("time"), VETERAN.events("status", 1), VETERAN.ints("trt")).test());
  }

  @Test
  void severalGroups() {
    check(
        "logrank.veteran.celltype",
        LogRank.of(
                VETERAN.nums("time"),
                VETERAN.events("status", 1),
                VETERAN.codes("celltype", CELLTYPE))
            .test());
    Dataset death = COLON.where(i -> COLON.num("etype", i) == 2);
    check(
        "logrank.colon.rx",
        LogRank.of(
                death.nums("time"),
                death.events("status", 1),
                death.codes("rx", List.of("Obs", "Lev", "Lev+5FU")))
            .test());
  }

  @Test
  void stratified() {
    check(
        "logrank.veteran.trt.strata",
        LogRank.of(VETERAN.nums("time"), VETERAN.events("status", 1), VETERAN.ints("trt"))
            .withStrata(VETERAN.codes("celltype", CELLTYPE))
            .test());
    LogRank.Result r =
        LogRank.of(TIES.nums("time"), TIES.events("status", 1), TIES.ints("trt"))
            .withStrata(TIES.ints("stratum"))
            .test();
    check("logrank.ties.trt.strata", r);
    assertThat(r.strata()).isEqualTo(3);
  }

  @Test
  void oneGroupHasNoTest() {
    LogRank.Result r =
        LogRank.of(new double[] {1, 2, 3}, new boolean[] {true, false, true}, new int[] {4, 4, 4})
            .test();
    assertThat(r.df()).isZero();
    assertThat(r.chisq()).isZero();
    assertThat(r.pValue()).isNaN();
    assertThatThrownBy(() -> LogRank.of(new double[] {1}, new boolean[] {true}, new int[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static void check(String id, LogRank.Result r) {
    JsonNode v = RReference.values(id);
    RReference.close(r.n(), vec(v.get("n")), id + " n");
    close(r.observed(), vec(v.get("observed")), REL_ESTIMATE, id + " observed");
    close(r.expected(), vec(v.get("expected")), REL_ESTIMATE, id + " expected");
    close(r.chisq(), v.get("chisq").asDouble(), REL_ESTIMATE, id + " chisq");
    assertThat(r.df()).as(id + " df").isEqualTo(v.get("df").asInt());
    close(r.pValue(), v.get("p_value").asDouble(), REL_P, id + " p");
    double[][] var = RReference.mat(v.get("var"));
    if (var[0].length == r.groups().length) {
      for (int a = 0; a < var.length; a++) {
        close(r.var()[a], var[a], REL_ESTIMATE, id + " var row " + a);
      }
    }
  }
}
