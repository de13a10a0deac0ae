package org.odtrial.analysis.simulate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Cluster;
import org.odtrial.analysis.data.DerivedCsv;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.descriptive.Compliance;
import org.odtrial.analysis.plan.AnalysisPlan;

/**
 * Writes the analysis data of a simulation's first reps for the R peer of bench/simulate.sh (not a
 * test): per rep, the derived.csv odtrial analyse would write, the scores of every instrument of
 * the default plan's recovery analyses at baseline and at the plan's months (scores_I.csv), and the
 * clusters with their site and arm (every randomised cluster, for the permutation test), and each
 * participant's compliance as the {@code .cace} rows define it (compliers.csv). R then runs the
 * same fits on exactly the trials odtrial analysed.
 *
 * <pre>
 * java -cp ... org.odtrial.analysis.simulate.SimulationPeerData CLUSTERS PARTICIPANTS REPS SEED DIR
 * </pre>
 */
public final class SimulationPeerData {
  private SimulationPeerData() {}

  public static void main(String[] args) throws IOException {
    SimulationOptions options =
        SimulationOptions.of(
            Integer.parseInt(args[0]),
            Integer.parseInt(args[1]),
            Integer.parseInt(args[2]),
            Long.parseLong(args[3]));
    Path dir = Path.of(args[4]);
    AnalysisPlan plan = AnalysisPlan.defaults();
    Simulation sim = Simulation.of(plan, options);
    for (int rep = 0; rep < options.reps(); rep++) {
      Path out = dir.resolve(String.format(Locale.ROOT, "rep%04d", rep));
      Files.createDirectories(out);
      AnalysisData data = sim.data(rep);
      try (Writer w = Files.newBufferedWriter(out.resolve("derived.csv"), StandardCharsets.UTF_8)) {
        DerivedCsv.write(data, w);
      }
      for (Map.Entry<String, List<Integer>> e : plan.recovery().entrySet()) {
        scores(data, e.getKey(), e.getValue(), out.resolve("scores_" + e.getKey() + ".csv"));
      }
      try (Writer w =
          Files.newBufferedWriter(out.resolve("clusters.csv"), StandardCharsets.UTF_8)) {
        w.write("cluster_id,site_id,arm\n");
        for (Cluster c : data.clusters()) {
          w.write(c.clusterId() + "," + c.siteId() + "," + c.arm() + "\n");
        }
      }
      boolean[] compliers = Compliance.compliers(data);
      try (Writer w =
          Files.newBufferedWriter(out.resolve("compliers.csv"), StandardCharsets.UTF_8)) {
        w.write("participant_id,complier\n");
        for (int i = 0; i < compliers.length; i++) {
          w.write(data.participants().get(i).participantId() + "," + (compliers[i] ? 1 : 0) + "\n");
        }
      }
    }
  }

  private static void scores(AnalysisData data, String instrument, List<Integer> months, Path file)
      throws IOException {
    List<Integer> times = new ArrayList<>();
    times.add(0);
    times.addAll(months);
    double[][] s = new double[times.size()][];
    StringBuilder head = new StringBuilder("participant_id");
    for (int k = 0; k < times.size(); k++) {
      s[k] = data.scores(instrument, times.get(k)).orElse(null);
      head.append(",score_").append(times.get(k));
    }
    List<Participant> ps = data.participants();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(head.append('\n').toString());
      for (int i = 0; i < ps.size(); i++) {
        StringBuilder b = new StringBuilder(ps.get(i).participantId());
        for (int k = 0; k < times.size(); k++) {
          b.append(',');
          if (s[k] != null && !Double.isNaN(s[k][i])) {
            b.append((long) s[k][i]);
          } else {
            b.append("NA");
          }
        }
        w.write(b.append('\n').toString());
      }
    }
  }
}
