package org.odtrial.analysis.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odtrial.analysis.survival.RReference.REL_ESTIMATE;
import static org.odtrial.analysis.survival.RReference.REL_P;
import static org.odtrial.analysis.survival.RReference.close;
import static org.odtrial.analysis.survival.RReference.vec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Grambsch-Therneau test against {@code cox.zph(fit, transform = )$table} (survival 3.5.3,
 * survival-clustered.R): per covariate and global, every transform, Efron and Breslow, strata; with
 * a cluster term R's answer is the same as without (model-based information), and so is ours.
 */
class CoxZphRTest {

  private static final Dataset LUNG = Dataset.load("/r/datasets/lung.csv").where(i -> true, "inst");
  private static final Dataset VETERAN = Dataset.load("/r/datasets/veteran.csv");
  private static final List<String> CELLTYPE = List.of("squamous", "smallcell", "adeno", "large");

  @Test
  void lungEveryTransform() {
    CoxZph zph =
        CoxZph.of(LUNG.nums("time"), LUNG.events("status", 2), LUNG.design("age", "sex"))
            .withNames(List.of("age", "sex"));
    check("zph.lung.km", zph.withTransform(CoxZph.Transform.KM));
    check("zph.lung.identity", zph.withTransform(CoxZph.Transform.IDENTITY));
    check("zph.lung.rank", zph.withTransform(CoxZph.Transform.RANK));
    check("zph.lung.log", zph.withTransform(CoxZph.Transform.LOG));
  }

  @Test
  void stratifiedAndBreslow() {
    CoxZph zph =
        CoxZph.of(VETERAN.nums("time"), VETERAN.events("status", 1), VETERAN.design("trt", "karno"))
            .withNames(List.of("trt", "karno"));
    check("zph.veteran.strata", zph.withStrata(VETERAN.codes("celltype", CELLTYPE)));
    check("zph.veteran.breslow", zph.withTies(Ties.BRESLOW));
  }

  @Test
  void clusterTrials() {
    ClusteredTrial a = ClusteredTrial.design("a");
    CoxZph zph = CoxZph.of(a.time(), a.event(), a.armColumn()).withNames(List.of("arm"));
    check("zph.gen_a.efron", zph);
    check("zph.gen_a.efron.nocluster", zph);
    check("zph.gen_a.breslow", zph.withTies(Ties.BRESLOW));
    ClusteredTrial b = ClusteredTrial.design("b");
    check(
        "zph.gen_b.4clusters",
        CoxZph.of(b.time(), b.event(), b.armColumn()).withNames(List.of("arm")));
  }

  @Test
  void aliasedCovariateIsLeftOutAndNoEventsIsAnError() {
    ClusteredTrial a = ClusteredTrial.design("a");
    double[][] x = new double[a.time().length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {a.od()[i], 2.0};
    }
    CoxZph.Result r = CoxZph.of(a.time(), a.event(), x).withNames(List.of("arm", "const")).test();
    assertThat(r.terms()).containsExactly("arm");
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("const"));
    close(
        r.chisq()[0],
        vec(RReference.clustered("zph.gen_a.efron").get("chisq"))[0],
        REL_ESTIMATE,
        "arm with an aliased constant");
    assertThatThrownBy(
            () ->
                CoxZph.of(
                        new double[] {1, 2},
                        new boolean[] {false, false},
                        new double[][] {{0}, {1}})
                    .test())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no events");
  }

  private static void check(String id, CoxZph zph) {
    JsonNode v = RReference.clustered(id);
    CoxZph.Result r = zph.test();
    List<String> terms = new ArrayList<>();
    v.get("terms").forEach(t -> terms.add(t.asText()));
    double[] chisq = vec(v.get("chisq"));
    double[] df = vec(v.get("df"));
    double[] p = vec(v.get("p"));
    int k = terms.size() - 1; // the last row is GLOBAL
    assertThat(r.terms()).as(id + " terms").isEqualTo(terms.subList(0, k));
    assertThat(r.transform().rName()).isEqualTo(v.get("transform").asText());
    for (int j = 0; j < k; j++) {
      close(r.chisq()[j], chisq[j], REL_ESTIMATE, id + " chisq " + terms.get(j));
      assertThat((double) r.df()[j]).isEqualTo(df[j]);
      close(r.pValue()[j], p[j], REL_P, id + " p " + terms.get(j));
    }
    close(r.globalChisq(), chisq[k], REL_ESTIMATE, id + " global chisq");
    assertThat((double) r.globalDf()).isEqualTo(df[k]);
    close(r.globalP(), p[k], REL_P, id + " global p");
  }
}
