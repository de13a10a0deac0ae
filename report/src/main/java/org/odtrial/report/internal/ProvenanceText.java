package org.odtrial.report.internal;

import java.util.List;
import org.odtrial.report.Provenance;

/** The provenance lines every output carries, in one wording. */
public final class ProvenanceText {
  private ProvenanceText() {}

  /** Label and value pairs, in print order. */
  public static List<String[]> pairs(Provenance p) {
    return List.of(
        new String[] {"Load", Integer.toString(p.load())},
        new String[] {"Load SHA-256", p.loadSha256()},
        new String[] {"Analysis plan", p.planName()},
        new String[] {"Plan SHA-256", p.planSha256()},
        new String[] {"odtrial version", p.toolVersion()});
  }

  public static String line(Provenance p) {
    StringBuilder b = new StringBuilder();
    for (String[] kv : pairs(p)) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(kv[0]).append(": ").append(kv[1]);
    }
    return b.toString();
  }
}
