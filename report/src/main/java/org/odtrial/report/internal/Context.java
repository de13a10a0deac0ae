package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Cluster;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.report.Blinding;
import org.odtrial.report.ReportInput;

/**
 * What every table and figure builder reads: the input, the rows lookup, the arms in display order
 * and each arm's participants (positions in the data, found once).
 */
public final class Context {
  final ReportInput in;
  final AnalysisData data;
  final AnalysisPlan plan;
  final Blinding blinding;
  final Lookup rows;
  final List<String> arms;
  private final Map<String, int[]> byArm = new LinkedHashMap<>();
  private final int[] everyone;
  private final Map<String, Integer> clusterSize = new HashMap<>();

  public Context(ReportInput in) {
    this.in = in;
    this.data = in.data();
    this.plan = in.plan();
    this.blinding = in.blinding();
    this.rows = new Lookup(in.results(), in.blinding());
    this.arms = blinding.arms();
    List<Participant> ps = data.participants();
    for (String arm : arms) {
      byArm.put(arm, positions(p -> arm.equals(p.arm())));
    }
    everyone = new int[ps.size()];
    for (int i = 0; i < everyone.length; i++) {
      everyone[i] = i;
    }
    data.clusters().forEach(c -> clusterSize.put(c.clusterId(), 0));
    for (Participant p : ps) {
      clusterSize.computeIfPresent(p.clusterId(), (k, v) -> v + 1);
    }
  }

  /** Participants in a cluster (0 for a cluster without any). */
  int clusterSize(String clusterId) {
    return clusterSize.getOrDefault(clusterId, 0);
  }

  /** The shown label of the i-th arm in display order. */
  String label(int i) {
    return blinding.label(arms.get(i));
  }

  int[] arm(String arm) {
    return byArm.get(arm);
  }

  int[] everyone() {
    return everyone;
  }

  /** Positions of the participants {@code who} selects. */
  int[] positions(Predicate<Participant> who) {
    List<Participant> ps = data.participants();
    int[] out = new int[ps.size()];
    int n = 0;
    for (int i = 0; i < ps.size(); i++) {
      if (who.test(ps.get(i))) {
        out[n++] = i;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** The positions among {@code at} whose participant {@code f} selects. */
  int[] subset(int[] at, Predicate<Participant> f) {
    List<Participant> ps = data.participants();
    return java.util.Arrays.stream(at).filter(i -> f.test(ps.get(i))).toArray();
  }

  /** How many of the participants at these positions {@code f} selects. */
  long count(int[] at, Predicate<Participant> f) {
    List<Participant> ps = data.participants();
    long n = 0;
    for (int i : at) {
      if (f.test(ps.get(i))) {
        n++;
      }
    }
    return n;
  }

  double[] values(int[] at, ToDoubleFunction<Participant> f) {
    List<Participant> ps = data.participants();
    double[] out = new double[at.length];
    for (int k = 0; k < at.length; k++) {
      out[k] = f.applyAsDouble(ps.get(at[k]));
    }
    return out;
  }

  /** The recorded scores of an instrument at a month at these positions (missing ones left out). */
  double[] scores(int[] at, String instrument, int month) {
    Optional<double[]> s = data.scores(instrument, month);
    if (s.isEmpty()) {
      return new double[0];
    }
    double[] all = s.get();
    List<Double> out = new ArrayList<>();
    for (int i : at) {
      if (!Double.isNaN(all[i])) {
        out.add(all[i]);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  List<Cluster> clusters(String arm) {
    return data.clusters().stream().filter(c -> arm.equals(c.arm())).toList();
  }

  /** A row's footnote: its method, counts and note. */
  String footnote(Estimate e) {
    return Methods.footnote(e, plan, blinding);
  }

  /**
   * The footnote of rows whose counts the table shows, or that are shown per arm side by side: the
   * method and the row's note, without counts.
   */
  String methodFootnote(Estimate e) {
    return Methods.footnote(e, plan, blinding, false);
  }

  /** The contrast as shown, "OD vs TAU" or "Arm A vs Arm B". */
  String contrast() {
    return blinding.contrast();
  }
}
