package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.odtrial.analysis.data.Cluster;
import org.odtrial.analysis.data.Participant;
import org.odtrial.ingest.contract.TrialFile;

/** Table 2, baseline characteristics of participants and clusters by arm and in total. */
final class BaselineTable {
  private final Context cx;
  private final List<Row> rows = new ArrayList<>();

  private BaselineTable(Context cx) {
    this.cx = cx;
  }

  static Table build(Context cx, int number) {
    return new BaselineTable(cx).table(number);
  }

  private Table table(int number) {
    rows.add(Row.heading("Participants", 3));
    rows.add(participants("Participants, n", at -> Cells.count(at.length)));
    rows.add(
        participants(
            "Age (years), mean (SD)", at -> Cells.meanSd(cx.values(at, Participant::age), 1)));
    rows.add(
        participants(
            "Age (years), median [IQR]",
            at -> Cells.medianIqr(cx.values(at, Participant::age), 1)));
    codeRows("Sex", "sex", Participant::sex);
    codeRows("Ethnicity", "ethnicity", Participant::ethnicity);
    codeRows("Diagnosis", "diagnosis", Participant::diagnosis);
    rows.add(
        participants(
            "Prior admissions, median [IQR]",
            at ->
                Cells.medianIqr(
                    cx.values(
                        cx.subset(at, p -> p.priorAdmissions() != null),
                        Participant::priorAdmissions),
                    1)));
    rows.add(
        participants(
            "Prior admissions, missing, n",
            at -> Cells.count(cx.count(at, p -> p.priorAdmissions() == null))));
    rows.add(Row.heading("Clusters", 3));
    rows.add(clusters("Clusters, n", cs -> Cells.count(cs.size())));
    rows.add(
        clusters(
            "Participants per cluster, mean",
            cs -> Cells.number(Describe.mean(sizes(cs)), 1, "mean")));
    rows.add(
        clusters("Participants per cluster, median [IQR]", cs -> Cells.medianIqr(sizes(cs), 1)));
    rows.add(clusters("List size, mean (SD)", cs -> Cells.meanSd(listSizes(cs), 0)));
    rows.add(
        clusters(
            "List size, missing, n",
            cs -> Cells.count(cs.stream().filter(c -> c.listSize() == null).count())));
    rows.add(Row.heading("Deprivation quintile of the practice, n (%)", 3));
    for (int q = 1; q <= 5; q++) {
      Integer quintile = q;
      rows.add(clusterShare(Integer.toString(q), c -> quintile.equals(c.deprivationQuintile())));
    }
    rows.add(clusterShare("Missing", c -> c.deprivationQuintile() == null));
    List<String> notes = new ArrayList<>();
    notes.add(
        "Percentages of the participants (participant rows) or clusters (cluster rows) in the"
            + " column. SD: standard deviation (n - 1). IQR: interquartile range, first to third"
            + " quartile (R's type 7).");
    return Table.of(
        "baseline",
        number,
        "Baseline characteristics by arm",
        "Characteristic",
        List.of(Column.of(cx.label(0)), Column.of(cx.label(1)), Column.of("Total")),
        rows,
        notes);
  }

  private Row participants(String label, Function<int[], Cell> f) {
    List<Cell> cells = new ArrayList<>();
    for (String arm : cx.arms) {
      cells.add(f.apply(cx.arm(arm)));
    }
    cells.add(f.apply(cx.everyone()));
    return Row.of(label, cells);
  }

  private Row clusters(String label, Function<List<Cluster>, Cell> f) {
    List<Cell> cells = new ArrayList<>();
    for (String arm : cx.arms) {
      cells.add(f.apply(cx.clusters(arm)));
    }
    cells.add(f.apply(cx.data.clusters()));
    return Row.of(label, cells);
  }

  private double[] sizes(List<Cluster> cs) {
    return cs.stream().mapToDouble(c -> cx.clusterSize(c.clusterId())).toArray();
  }

  private static double[] listSizes(List<Cluster> cs) {
    return cs.stream().filter(c -> c.listSize() != null).mapToDouble(c -> c.listSize()).toArray();
  }

  private Row clusterShare(String label, Predicate<Cluster> which) {
    return clusters(label, cs -> Cells.countPct(cs.stream().filter(which).count(), cs.size()))
        .indented();
  }

  /**
   * One row per code of the contract's code list that occurs, in contract order, then missing if
   * the column is optional.
   */
  private void codeRows(String label, String column, Function<Participant, String> get) {
    rows.add(Row.heading(label + ", n (%)", 3));
    var col = TrialFile.PARTICIPANTS.columns().get(TrialFile.PARTICIPANTS.indexOf(column));
    // one pass: each code's count per arm (arms in display order) and in total; null is missing
    Map<String, long[]> counts = new HashMap<>();
    List<Participant> ps = cx.data.participants();
    for (int k = 0; k < cx.arms.size(); k++) {
      for (int i : cx.arm(cx.arms.get(k))) {
        long[] c = counts.computeIfAbsent(get.apply(ps.get(i)), x -> new long[3]);
        c[k]++;
        c[2]++;
      }
    }
    for (String code : col.codes()) {
      if (counts.containsKey(code)) {
        rows.add(share(code, counts.get(code)));
      }
    }
    if (!col.required()) {
      rows.add(share("Missing", counts.getOrDefault(null, new long[3])));
    }
  }

  private Row share(String label, long[] n) {
    List<Cell> cells = new ArrayList<>();
    for (int k = 0; k < cx.arms.size(); k++) {
      cells.add(Cells.countPct(n[k], cx.arm(cx.arms.get(k)).length));
    }
    cells.add(Cells.countPct(n[2], cx.everyone().length));
    return Row.of(label, cells).indented();
  }
}
