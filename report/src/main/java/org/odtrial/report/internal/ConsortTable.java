package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.odtrial.analysis.data.Cluster;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;

/**
 * Table 1, the CONSORT flow of a cluster trial, per arm and in total at every stage: clusters and
 * participants randomised, withdrawn, died, followed up at each analysed month, and analysed per
 * outcome. Counts come from the data; the analysed totals are the n of the primary results rows.
 */
final class ConsortTable {
  private final Context cx;
  private final List<Row> rows = new ArrayList<>();

  private ConsortTable(Context cx) {
    this.cx = cx;
  }

  static Table build(Context cx, int number) {
    return new ConsortTable(cx).table(number);
  }

  /**
   * One analysed outcome: its primary results row and who it analyses, by the model's rule, as a
   * test of a participant's position in the data.
   */
  record Outcome(String label, RowId id, IntPredicate analysed) {}

  private Table table(int number) {
    rows.add(Row.heading("Clusters", 3));
    rows.add(clusterRow("Randomised", c -> true));
    for (String site : new TreeSet<>(cx.data.clusters().stream().map(Cluster::siteId).toList())) {
      rows.add(clusterRow("At site " + site, c -> site.equals(c.siteId())).indented());
    }
    rows.add(clusterSizeRow());
    rows.add(Row.heading("Participants", 3));
    rows.add(byArm("Recruited", p -> true));
    rows.add(byArm("Withdrew from research interviews", Participant::withdrawn));
    rows.add(byArm("Died during follow-up", Participant::died));
    for (int m : followUpMonths(cx)) {
      boolean[] seen = followedUp(cx, m);
      rows.add(
          byPosition("Assessed at " + Fmt.time(Fmt.monthDays(m)), i -> seen[i])
              .withNote(
                  "Assessed (followed up): at least one questionnaire score recorded at that month"
                      + " (of the instruments the analysis plan names)."));
    }
    rows.add(Row.heading("Analysed", 3));
    String rule =
        ("Analysed: participants in the primary analysis of the outcome. Total: the n of the"
            + " results row; per arm: counted from the data by the model's own rule (everyone"
            + " for time to relapse; follow-up time above zero for admissions and bed days; a"
            + " score at that month and at baseline for questionnaires).");
    for (Outcome o : outcomes(cx)) {
      cx.rows.one(o.id()).ifPresent(e -> rows.add(analysedRow(o, e).withNote(rule)));
    }
    return Table.of(
        "consort",
        number,
        "Flow of clusters and participants through the trial (CONSORT for cluster trials)",
        "",
        List.of(Column.of(cx.label(0)), Column.of(cx.label(1)), Column.of("Total")),
        rows,
        List.of());
  }

  /** The months with a recovery row, ascending (the trial's follow-up assessments). */
  static List<Integer> followUpMonths(Context cx) {
    TreeSet<Integer> months = new TreeSet<>();
    cx.rows.recovery().values().forEach(months::addAll);
    return new ArrayList<>(months);
  }

  /** Who has any analysed instrument's score at month m. */
  static boolean[] followedUp(Context cx, int month) {
    boolean[] seen = new boolean[cx.data.participants().size()];
    cx.rows
        .recovery()
        .forEach(
            (instrument, months) ->
                cx.data
                    .scores(instrument, month)
                    .ifPresent(
                        s -> {
                          for (int i = 0; i < s.length; i++) {
                            seen[i] |= !Double.isNaN(s[i]);
                          }
                        }));
    return seen;
  }

  /** The outcomes of the primary analysis, with the rule each model uses to choose participants. */
  static List<Outcome> outcomes(Context cx) {
    List<Outcome> out = new ArrayList<>();
    List<Participant> ps = cx.data.participants();
    IntPredicate followed = i -> ps.get(i).followupYears() > 0;
    out.add(new Outcome("Time to relapse", RowId.RELAPSE_COX, i -> true));
    out.add(new Outcome("Hospital admissions", RowId.ADMISSIONS_NB, followed));
    out.add(new Outcome("Bed days", RowId.BED_DAYS_NB, followed));
    cx.rows
        .recovery()
        .forEach(
            (instrument, months) -> {
              for (int m : months) {
                Optional<double[]> at = cx.data.scores(instrument, m);
                Optional<double[]> base = cx.data.scores(instrument, 0);
                IntPredicate complete =
                    at.isEmpty() || base.isEmpty()
                        ? i -> false
                        : i -> !Double.isNaN(at.get()[i]) && !Double.isNaN(base.get()[i]);
                out.add(
                    new Outcome(
                        instrument + " at " + Fmt.time(Fmt.monthDays(m)),
                        RowId.recovery(instrument, m, RecoveryAnalysis.ANCOVA),
                        complete));
              }
            });
    return out;
  }

  /** Analysed per arm, by the outcome's rule; per-arm counts that do not add up are NA. */
  static long[] analysedPerArm(Context cx, Outcome o) {
    long[] n = new long[cx.arms.size()];
    for (int k = 0; k < n.length; k++) {
      for (int i : cx.arm(cx.arms.get(k))) {
        n[k] += o.analysed().test(i) ? 1 : 0;
      }
    }
    return n;
  }

  private Row analysedRow(Outcome o, Estimate e) {
    long[] perArm = analysedPerArm(cx, o);
    boolean adds = e.n() != null && perArm[0] + perArm[1] == e.n();
    List<Cell> cells = new ArrayList<>();
    for (long n : perArm) {
      cells.add(adds ? Cells.count(n) : Cell.of(Fmt.NA));
    }
    cells.add(e.n() == null ? Cell.of(Fmt.NA) : Cells.count(e.n()));
    return new Row(o.label(), 1, false, List.of(), o.id(), cells);
  }

  private Row byPosition(String label, IntPredicate at) {
    List<Cell> cells = new ArrayList<>();
    long total = 0;
    for (String arm : cx.arms) {
      long n = 0;
      for (int i : cx.arm(arm)) {
        n += at.test(i) ? 1 : 0;
      }
      total += n;
      cells.add(Cells.count(n));
    }
    cells.add(Cells.count(total));
    return Row.of(label, cells);
  }

  private Row byArm(String label, Predicate<Participant> who) {
    List<Cell> cells = new ArrayList<>();
    for (String arm : cx.arms) {
      cells.add(Cells.count(cx.count(cx.arm(arm), who)));
    }
    cells.add(Cells.count(cx.count(cx.everyone(), who)));
    return Row.of(label, cells);
  }

  private Row clusterRow(String label, Predicate<Cluster> which) {
    List<Cell> cells = new ArrayList<>();
    for (String arm : cx.arms) {
      cells.add(Cells.count(cx.clusters(arm).stream().filter(which).count()));
    }
    cells.add(Cells.count(cx.data.clusters().stream().filter(which).count()));
    return Row.of(label, cells);
  }

  /** Participants per cluster, including clusters without participants. */
  static double[] clusterSizes(Context cx, Predicate<Cluster> which) {
    return cx.data.clusters().stream()
        .filter(which)
        .mapToDouble(c -> cx.clusterSize(c.clusterId()))
        .toArray();
  }

  private Row clusterSizeRow() {
    List<Cell> cells = new ArrayList<>();
    for (String arm : cx.arms) {
      cells.add(medianRange(clusterSizes(cx, c -> arm.equals(c.arm()))));
    }
    cells.add(medianRange(clusterSizes(cx, c -> true)));
    return Row.of("Participants per cluster, median (range)", cells);
  }

  private static Cell medianRange(double[] x) {
    if (x.length == 0) {
      return Cell.of(Fmt.NA);
    }
    double[] q = Describe.quantiles(x, 0.5, 0, 1);
    double med = q[0];
    double min = q[1];
    double max = q[2];
    return Cell.of(
            Fmt.num(med, med == Math.rint(med) ? 0 : 1)
                + " ("
                + Fmt.num(min, 0)
                + " to "
                + Fmt.num(max, 0)
                + ")",
            "median",
            med)
        .with("min", min)
        .with("max", max);
  }
}
