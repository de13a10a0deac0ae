package org.odtrial.analysis.simulate.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.odtrial.analysis.simulate.Reason;

/** Counts notes by their text with numbers masked, remembering the first reps of each. */
final class ReasonCount {
  /** A number as notes write them: 12, -0.5, 1.2e-05, 3,600. */
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:[.,]\\d+)*(?:[eE][-+]?\\d+)?");

  private final Map<String, List<Integer>> first = new LinkedHashMap<>();
  private final Map<String, int[]> counts = new LinkedHashMap<>();

  /** Each "; "-separated part of a note counts on its own: one row may carry several. */
  void addParts(String note, int rep) {
    for (String part : note.split("; ")) {
      add(mask(part), rep);
    }
  }

  /** One reason, as it is. */
  void add(String text, int rep) {
    int[] c = counts.computeIfAbsent(text, k -> new int[1]);
    c[0]++;
    List<Integer> reps = first.computeIfAbsent(text, k -> new ArrayList<>());
    if (reps.size() < Reason.LISTED) {
      reps.add(rep);
    }
  }

  static String mask(String text) {
    return NUMBER.matcher(text).replaceAll("#");
  }

  /** Most frequent first; ties in the order first seen. */
  List<Reason> reasons() {
    List<Reason> out = new ArrayList<>();
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      out.add(new Reason(e.getKey(), e.getValue()[0], first.get(e.getKey())));
    }
    out.sort(Comparator.comparingInt(Reason::reps).reversed());
    return out;
  }
}
