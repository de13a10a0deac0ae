package org.odtrial.analysis.competing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.odtrial.analysis.survival.Dataset;
import org.odtrial.analysis.survival.RReference;

/**
 * The data sets and R values of src/test/R/competing-risks.R: survival's mgus2 with the
 * competing-risks coding of survival's vignette, and the generated clustered trials.
 */
public final class CompetingRiskData {
  public static final JsonNode R = RReference.read("/r/competing-risks.json");
  public static final Dataset MGUS2 = Dataset.load("/r/datasets/mgus2.csv");
  public static final Dataset TRIAL = Dataset.load("/r/datasets/competing_trial.csv");
  public static final Dataset SPARSE = Dataset.load("/r/datasets/competing_sparse.csv");

  private CompetingRiskData() {}

  public static JsonNode values(String id) {
    return RReference.values(R, id);
  }

  /** mgus2: time to progression (pcm) or death, whichever first. */
  public static double[] mgusTime() {
    double[] t = new double[MGUS2.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = MGUS2.num("pstat", i) == 0 ? MGUS2.num("futime", i) : MGUS2.num("ptime", i);
    }
    return t;
  }

  /** mgus2: 1 progression, 2 death before progression, 0 censored. */
  public static int[] mgusStatus() {
    int[] s = new int[MGUS2.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = MGUS2.num("pstat", i) == 1 ? 1 : (int) (2 * MGUS2.num("death", i));
    }
    return s;
  }

  /** mgus2 age groups (0,60], (60,75], (75,Inf] as codes 0, 1, 2. */
  public static int[] mgusAgeGroup() {
    int[] g = new int[MGUS2.size()];
    for (int i = 0; i < g.length; i++) {
      double age = MGUS2.num("age", i);
      g[i] = age <= 60 ? 0 : age <= 75 ? 1 : 2;
    }
    return g;
  }

  /** Trial status as the R script codes it: 1 relapse, 2 died without relapse, 0 censored. */
  public static int[] trialStatus(Dataset d, boolean noDeaths, boolean allDeaths) {
    int[] s = new int[d.size()];
    for (int i = 0; i < s.length; i++) {
      boolean relapse = !allDeaths && d.num("relapse", i) == 1;
      boolean died = allDeaths || (!noDeaths && d.num("died", i) == 1);
      s[i] = relapse ? 1 : died ? 2 : 0;
    }
    return s;
  }

  /** Arm codes in R's factor order for cuminc's group (OD before TAU): OD 0, TAU 1. */
  public static int[] armCodes(Dataset d) {
    return d.codes("arm", List.of("OD", "TAU"));
  }

  public static double[][] armColumn(Dataset d) {
    double[][] x = new double[d.size()][1];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = d.text("arm", i).equals("OD") ? 1 : 0;
    }
    return x;
  }

  public static int[] clusterCodes(Dataset d) {
    Map<String, Integer> codes = new HashMap<>();
    int[] out = new int[d.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = codes.computeIfAbsent(d.text("cluster_id", i), k -> codes.size());
    }
    return out;
  }
}
