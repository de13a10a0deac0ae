package org.odtrial.analysis.plan;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Canonical JSON of a plan; hand-written so the bytes (and so the plan's SHA-256) never depend on a
 * library.
 */
final class PlanWriter {
  private PlanWriter() {}

  static String toJson(AnalysisPlan p) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\n");
    sb.append("  \"name\": ").append(quote(p.name())).append(",\n");
    sb.append("  \"horizon_days\": ").append(p.horizonDays()).append(",\n");
    sb.append("  \"km_times_days\": ").append(ints(p.kmTimesDays())).append(",\n");
    sb.append("  \"km_conf_type\": ").append(quote(p.kmConfType())).append(",\n");
    sb.append("  \"covariates\": [")
        .append(p.covariates().stream().map(PlanWriter::quote).collect(Collectors.joining(", ")))
        .append("],\n");
    sb.append("  \"recovery\": {");
    int i = 0;
    for (Map.Entry<String, List<Integer>> e : p.recovery().entrySet()) {
      sb.append(i++ == 0 ? "\n" : ",\n");
      sb.append("    ").append(quote(e.getKey())).append(": ").append(ints(e.getValue()));
    }
    sb.append(p.recovery().isEmpty() ? "},\n" : "\n  },\n");
    sb.append("  \"subgroups\": [")
        .append(p.subgroups().stream().map(PlanWriter::quote).collect(Collectors.joining(", ")))
        .append("],\n");
    sb.append("  \"permutation\": {\"draws\": ")
        .append(p.permutation().draws())
        .append(", \"seed\": ")
        .append(p.permutation().seed())
        .append("}\n");
    sb.append("}\n");
    return sb.toString();
  }

  private static String ints(List<Integer> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
