package org.odtrial.analysis.plan;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.odtrial.analysis.results.ShortestDouble;

/**
 * Canonical JSON of a plan; hand-written so the bytes (and so the plan's SHA-256) never depend on a
 * library.
 */
final class PlanWriter {
  private PlanWriter() {}

  static String toJson(AnalysisPlan p) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\n");
    sb.append("  \"plan_version\": ").append(AnalysisPlan.VERSION).append(",\n");
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
        .append("},\n");
    AnalysisPlan.MultipleImputation mi = p.multipleImputation();
    sb.append("  \"multiple_imputation\": {\"imputations\": ")
        .append(mi.imputations())
        .append(", \"seed\": ")
        .append(mi.seed())
        .append(", \"tipping_deltas\": ")
        .append(
            mi.tippingDeltas().stream()
                .map(PlanWriter::number)
                .collect(Collectors.joining(", ", "[", "]")))
        .append("},\n");
    sb.append("  \"estimands\": [");
    for (int e = 0; e < p.estimands().size(); e++) {
      sb.append(e == 0 ? "\n" : ",\n").append("    {\n");
      int k = 0;
      Map<String, Object> fields = p.estimands().get(e).fields();
      for (Map.Entry<String, Object> f : fields.entrySet()) {
        sb.append("      ").append(quote(f.getKey())).append(": ");
        inline(sb, f.getValue());
        sb.append(++k < fields.size() ? ",\n" : "\n");
      }
      sb.append("    }");
    }
    sb.append(p.estimands().isEmpty() ? "]\n" : "\n  ]\n");
    sb.append("}\n");
    return sb.toString();
  }

  /** A whole number without a decimal point, otherwise the shortest form that reads back. */
  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : ShortestDouble.of(v);
  }

  /** A JSON value on one line: text, boolean, whole number, or a list or map of them. */
  private static void inline(StringBuilder sb, Object v) {
    if (v instanceof String s) {
      sb.append(quote(s));
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        sb.append(i == 0 ? "" : ", ");
        inline(sb, list.get(i));
      }
      sb.append(']');
    } else if (v instanceof Map<?, ?> map) {
      sb.append('{');
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sb.append(i++ == 0 ? "" : ", ").append(quote((String) e.getKey())).append(": ");
        inline(sb, e.getValue());
      }
      sb.append('}');
    } else {
      // Boolean, Integer: their JSON form is their string form
      sb.append(v);
    }
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
