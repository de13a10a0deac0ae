package org.odtrial.analysis.simulate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a simulation's CPU time goes, per analysis of the plan, from a Java Flight Recorder
 * recording of {@code odtrial simulate} (not a test: bench/simulate.sh runs it). Each execution
 * sample of a simulation thread is attributed to the row-building method of the plan it is in: the
 * method of an {@code org.odtrial.analysis.estimate} rows class called by that class's entry point
 * (for example {@code ClusteredRelapseRows.permutation}), found from the stack, so rows added to
 * the plan later are profiled without a change here; generation, derivation and summarising are
 * attributed too. The share of samples times the measured CPU time per rep gives each analysis's
 * cost per rep.
 *
 * <pre>
 * java -cp ... org.odtrial.analysis.simulate.SimulationProfile RECORDING.jfr CPU_SECONDS REPS
 * </pre>
 */
public final class SimulationProfile {
  private static final String ESTIMATE = "org.odtrial.analysis.estimate.";

  private SimulationProfile() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    double cpuSeconds = Double.parseDouble(args[1]);
    int reps = Integer.parseInt(args[2]);
    Map<String, int[]> byAnalysis = new TreeMap<>();
    Map<String, int[]> byStatistic = new TreeMap<>();
    int total = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames(); // innermost first
      String analysis = attribute(frames);
      if (analysis == null) {
        continue; // not a simulation thread (JIT, GC, the main thread waiting)
      }
      total++;
      byAnalysis.computeIfAbsent(analysis, k -> new int[1])[0]++;
      String statistic = statistic(frames);
      if (statistic != null) {
        byStatistic.computeIfAbsent(statistic, k -> new int[1])[0]++;
      }
    }
    double msPerSample = cpuSeconds * 1000 / reps / Math.max(1, total);
    System.out.printf(
        Locale.ROOT,
        "%d samples of simulation threads; %.1f ms CPU a rep over %d reps%n%n",
        total,
        cpuSeconds * 1000 / reps,
        reps);
    print("analysis (rows class.method)", byAnalysis, total, msPerSample);
    System.out.println();
    print(
        "statistics entry point (first call outside the rows classes)",
        byStatistic,
        total,
        msPerSample);
  }

  /** The rows method a sample is in, or the simulation step; null outside the simulation. */
  static String attribute(List<RecordedFrame> frames) {
    for (int i = frames.size() - 1; i >= 0; i--) { // outermost first
      String at = name(frames.get(i));
      if (at.equals("org.odtrial.analysis.estimate.Analysis.run")) {
        return rowsMethod(frames, i);
      }
      if (at.startsWith("org.odtrial.ingest.generate.TrialGenerator.generate")) {
        return "(generate the trial)";
      }
      if (at.startsWith("org.odtrial.analysis.data.Derivation.derive")) {
        return "(derive the analysis data)";
      }
      if (at.startsWith("org.odtrial.analysis.simulate.internal.")
          || at.startsWith("org.odtrial.analysis.simulate.internal.RepRow")) {
        return "(summarise)";
      }
    }
    return null;
  }

  /**
   * Below Analysis.run at index {@code run}: the rows class's entry point, then its own method.
   * Analysis's own frames in between (its row groups and their lambdas) are passed over.
   */
  private static String rowsMethod(List<RecordedFrame> frames, int run) {
    int below = run - 1;
    while (below >= 0 && isAnalysis(name(frames.get(below)))) {
      below--;
    }
    if (below < 0) {
      return "Analysis.run";
    }
    String entry = name(frames.get(below));
    if (!entry.startsWith(ESTIMATE)) {
      return "Analysis.run (" + shortName(entry) + ")";
    }
    String cls = entry.substring(0, entry.lastIndexOf('.'));
    String method = entry;
    for (int j = below - 1; j >= 0; j--) {
      String at = name(frames.get(j));
      if (!at.startsWith(cls + ".")) {
        break;
      }
      method = at;
      if (!at.contains("lambda$")) {
        break;
      }
    }
    return shortName(method);
  }

  /** A frame of Analysis itself or of its nested classes (the row groups). */
  private static boolean isAnalysis(String frame) {
    return frame.startsWith(ESTIMATE + "Analysis.") || frame.startsWith(ESTIMATE + "Analysis$");
  }

  /** The first frame below the rows classes: the statistic that does the work. */
  static String statistic(List<RecordedFrame> frames) {
    boolean inRows = false;
    for (int i = frames.size() - 1; i >= 0; i--) {
      String at = name(frames.get(i));
      if (at.startsWith(ESTIMATE) && !isAnalysis(at)) {
        inRows = true;
      } else if (inRows && at.startsWith("org.odtrial.")) {
        return shortName(at);
      } else if (inRows) {
        return "(the rows classes' own code, the JDK)";
      }
    }
    return inRows ? "(the rows classes' own code, the JDK)" : null;
  }

  private static String name(RecordedFrame f) {
    RecordedMethod m = f.getMethod();
    return m.getType().getName() + "." + m.getName();
  }

  private static String shortName(String qualified) {
    int method = qualified.lastIndexOf('.');
    int cls = qualified.lastIndexOf('.', method - 1);
    return qualified.substring(cls + 1);
  }

  private static void print(
      String title, Map<String, int[]> counts, int total, double msPerSample) {
    List<Map.Entry<String, int[]>> rows = new ArrayList<>(counts.entrySet());
    rows.sort(Comparator.comparingInt((Map.Entry<String, int[]> x) -> x.getValue()[0]).reversed());
    System.out.printf(Locale.ROOT, "%-60s %8s %7s %10s%n", title, "samples", "share", "ms a rep");
    int others = 0;
    int otherEntries = 0;
    for (Map.Entry<String, int[]> r : rows) {
      int n = r.getValue()[0];
      if (n < total / 200.0) { // under 0.5%: summed below
        others += n;
        otherEntries++;
        continue;
      }
      System.out.printf(
          Locale.ROOT,
          "%-60s %8d %6.1f%% %10.2f%n",
          r.getKey(),
          n,
          100.0 * n / total,
          n * msPerSample);
    }
    if (others > 0) {
      System.out.printf(
          Locale.ROOT,
          "%-60s %8d %6.1f%% %10.2f%n",
          "(" + otherEntries + " others, each under 0.5%)",
          others,
          100.0 * others / total,
          others * msPerSample);
    }
  }
}
