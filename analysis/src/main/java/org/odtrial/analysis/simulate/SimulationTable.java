package org.odtrial.analysis.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odtrial.analysis.results.NumberFormat;

/**
 * A simulation study as a readable table: one line per results row, then why rows were not
 * estimable. Numbers are rounded for reading; the JSON has them at full precision.
 */
public final class SimulationTable {
  /** Column headings of {@link #rows(SimulationResult)}. */
  public static final List<String> HEADER =
      List.of(
          "row",
          "estimated",
          "mean",
          "truth",
          "bias (MCSE)",
          "emp SE",
          "model SE",
          "coverage (MCSE)",
          "rejection (MCSE)",
          "H0");

  /** Reasons listed per row; the JSON has all of them. */
  static final int REASONS_SHOWN = 4;

  private SimulationTable() {}

  /** What was simulated, in one sentence. */
  public static String heading(SimulationResult r) {
    SimulationOptions o = r.options();
    return String.format(
        Locale.ROOT,
        "Plan %s (sha256 %s, horizon %d days): %s of %d reps (seed %d), each a trial of %d"
            + " clusters in %d site%s and %,d participants, %s.",
        r.planName(),
        r.planSha256().substring(0, 12),
        r.horizonDays(),
        r.interrupted() ? "interrupted after " + r.repsDone() : "all " + r.repsDone(),
        o.reps(),
        o.seed(),
        o.clusters(),
        o.sites(),
        o.sites() == 1 ? "" : "s",
        o.participants(),
        effects(o));
  }

  /** "the generator's true effects", "no effect of OD (the null)", "true effects x 0.5". */
  public static String effects(SimulationOptions o) {
    if (o.isNull()) {
      return "no effect of OD (the null hypothesis)";
    }
    if (o.effectScale() == 1.0) {
      return "the generator's true effects";
    }
    return "the generator's true effects x " + NumberFormat.significant(o.effectScale(), 6);
  }

  /** Formatted cells, one array a row, in results order. */
  public static List<String[]> rows(SimulationResult r) {
    List<String[]> out = new ArrayList<>();
    for (RowSummary s : r.rows()) {
      out.add(
          new String[] {
            s.key().label() + (s.logScale() ? " (log)" : ""),
            String.valueOf(s.estimated()),
            NumberFormat.significant(s.meanEstimate(), 4),
            NumberFormat.significant(s.truth().value(), 4),
            withMcse(significant(s.bias(), 3), significant(s.biasMcse(), 2)),
            NumberFormat.significant(s.empiricalSe(), 3),
            NumberFormat.significant(s.modelSe(), 3),
            withMcse(share(s.coverage()), share(s.coverageMcse())),
            withMcse(share(s.rejection()), share(s.rejectionMcse())),
            s.rejection() == null ? "" : hypothesis(s.truth().nullHolds())
          });
    }
    return out;
  }

  /** What the rejection rate is: "type I" where H0 holds, "power" where it does not. */
  static String hypothesis(Boolean nullHolds) {
    if (nullHolds == null) {
      return "";
    }
    return nullHolds ? "type I" : "power";
  }

  /** The table, a legend, and the reasons rows were not estimable. */
  public static String text(SimulationResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(heading(r)).append('\n');
    sb.append(
        "Coverage of the 95% intervals and rejection at p <= 0.05, with Monte Carlo standard"
            + " errors (MCSE);\n(log): bias and standard errors of the log ratio, mean = geometric"
            + " mean. H0: whether the row's null\nhypothesis holds (rejection = type I error) or"
            + " not (rejection = power).\n\n");
    List<String[]> rows = rows(r);
    int[] width = new int[HEADER.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = HEADER.get(i).length();
    }
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    line(sb, HEADER.toArray(String[]::new), width);
    for (String[] row : rows) {
      line(sb, row, width);
    }
    boolean any = false;
    for (RowSummary s : r.rows()) {
      if (s.notEstimable().isEmpty()) {
        continue;
      }
      if (!any) {
        sb.append("\nNot estimable (reps, of ").append(r.repsDone()).append("):\n");
        any = true;
      }
      sb.append("  ")
          .append(s.key().label())
          .append(": ")
          .append(s.notEstimableReps())
          .append('\n');
      List<Reason> reasons = s.notEstimable();
      // a line "1 other reason" would hide no more than the reason itself: show it instead
      int shown = reasons.size() <= REASONS_SHOWN + 1 ? reasons.size() : REASONS_SHOWN;
      for (Reason why : reasons.subList(0, shown)) {
        sb.append(String.format(Locale.ROOT, "    %6d  %s%n", why.reps(), why.text()));
      }
      if (reasons.size() > shown) {
        int rest = 0;
        for (Reason why : reasons.subList(shown, reasons.size())) {
          rest += why.reps();
        }
        sb.append(
            String.format(
                Locale.ROOT,
                "    %6d  %d other reasons (all of them are in the JSON)%n",
                rest,
                reasons.size() - shown));
      }
    }
    for (Reason w : r.warnings()) {
      sb.append(String.format(Locale.ROOT, "warning in %d reps: %s%n", w.reps(), w.text()));
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String[] cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      b.append(String.format(Locale.ROOT, "%-" + width[i] + "s  ", cells[i]));
    }
    sb.append(b.toString().stripTrailing()).append('\n');
  }

  private static String withMcse(String value, String mcse) {
    return value.isEmpty() || mcse.isEmpty() ? value : value + " (" + mcse + ")";
  }

  private static String significant(Double v, int digits) {
    return NumberFormat.significant(v, digits);
  }

  /** A share to three decimals. */
  private static String share(Double v) {
    return NumberFormat.fixed(v, 3);
  }
}
