package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.odtrial.analysis.data.AnalysisData;
import org.odtrial.analysis.data.Cluster;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.descriptive.Fidelity;
import org.odtrial.report.Blinding;
import org.odtrial.report.ReportInput;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;
import org.odtrial.analysis.results.RowId.RecoveryAnalysis;
import org.odtrial.ingest.contract.TrialFile;

/**
 * Builds the six report tables. Effect estimates, p-values and model figures come only from the
 * results rows; counts and descriptive summaries come from the load's analysis data.
 */
public final class Tables {
  private static final String EFFECT = "Effect (95% CI)";

  private final ReportInput in;
  private final AnalysisData data;
  private final Blinding blinding;
  private final Lookup results;
  private final List<String> arms;

  public Tables(ReportInput in) {
    this.in = in;
    this.data = in.data();
    this.blinding = in.blinding();
    this.results = new Lookup(in.results(), in.blinding());
    this.arms = blinding.arms();
  }

  public List<Table> all() {
    return List.of(consort(), baseline(), relapse(), hospitalisation(), recovery(), meetings());
  }

  private String a(int i) {
    return blinding.label(arms.get(i));
  }

  private Predicate<Participant> inArm(String arm) {
    return p -> arm.equals(p.arm());
  }

  private List<Participant> participants(Predicate<Participant> who) {
    return data.participants().stream().filter(who).toList();
  }

  /** Cells per arm then total, each computed by {@code f} over the participants of that group. */
  private List<String> byArm(String label, Function<List<Participant>, String> f, boolean total) {
    List<String> row = new ArrayList<>();
    row.add(label);
    for (String arm : arms) {
      row.add(f.apply(participants(inArm(arm))));
    }
    if (total) {
      row.add(f.apply(data.participants()));
    }
    return row;
  }

  private static List<String> section(String label, int columns) {
    List<String> row = new ArrayList<>();
    row.add(label);
    while (row.size() < columns) {
      row.add("");
    }
    return row;
  }

  private static List<String> row(String... cells) {
    return Arrays.asList(cells);
  }

  // ---- Table 1: CONSORT
  // -------------------------------------------------------------------------------------

  Table consort() {
    List<String> header = row("", a(0), a(1), "Total");
    List<List<String>> rows = new ArrayList<>();
    rows.add(section("Clusters", 4));
    rows.add(clusterRow("Clusters randomised", c -> true));
    for (String site : new TreeSet<>(data.clusters().stream().map(Cluster::siteId).toList())) {
      rows.add(clusterRow("  at site " + site, c -> site.equals(c.siteId())));
    }
    rows.add(clusterSizeRow("Cluster size (participants), min / median / max"));
    rows.add(section("Participants", 4));
    rows.add(byArm("Recruited", ps -> Integer.toString(ps.size()), true));
    results
        .recovery()
        .forEach(
            (instrument, months) -> {
              for (int m : months) {
                rows.add(
                    byArm(
                        "Followed up: " + instrument + " month " + m,
                        ps -> Integer.toString(scored(ps, instrument, m)),
                        true));
              }
            });
    rows.add(
        byArm("Withdrawn from research interviews", ps -> count(ps, Participant::withdrawn), true));
    rows.add(byArm("Died during follow-up", ps -> count(ps, Participant::died), true));
    rows.add(section("Analysed (n of the results row)", 4));
    analysedRow(rows, "Time to relapse", RowId.RELAPSE_COX);
    analysedRow(rows, "Admissions", RowId.ADMISSIONS_NB);
    analysedRow(rows, "Bed days", RowId.BED_DAYS_NB);
    results
        .recovery()
        .forEach(
            (instrument, months) -> {
              for (int m : months) {
                analysedRow(
                    rows,
                    instrument + " month " + m,
                    RowId.recovery(instrument, m, RecoveryAnalysis.ANCOVA));
              }
            });
    return new Table(
        "1-consort",
        "Table 1. Flow of clusters and participants (CONSORT for cluster trials)",
        header,
        rows,
        List.of(
            "Followed up: participants with a recorded score at that month.",
            "Analysed: the n of the results.json row (both arms together)."));
  }

  private List<String> clusterRow(String label, Predicate<Cluster> which) {
    List<String> row = new ArrayList<>();
    row.add(label);
    for (String arm : arms) {
      row.add(
          Long.toString(
              data.clusters().stream().filter(which).filter(c -> arm.equals(c.arm())).count()));
    }
    row.add(Long.toString(data.clusters().stream().filter(which).count()));
    return row;
  }

  private double[] clusterSizes(Predicate<Cluster> which) {
    Map<String, Integer> size = new TreeMap<>();
    data.clusters().stream().filter(which).forEach(c -> size.put(c.clusterId(), 0));
    for (Participant p : data.participants()) {
      size.computeIfPresent(p.clusterId(), (k, v) -> v + 1);
    }
    return size.values().stream().mapToDouble(Integer::doubleValue).toArray();
  }

  private List<String> clusterSizeRow(String label) {
    List<String> row = new ArrayList<>();
    row.add(label);
    for (String arm : arms) {
      row.add(minMedMax(clusterSizes(c -> arm.equals(c.arm()))));
    }
    row.add(minMedMax(clusterSizes(c -> true)));
    return row;
  }

  private static String minMedMax(double[] x) {
    if (x.length == 0) {
      return Fmt.DASH;
    }
    return Fmt.num(Describe.quantile(x, 0), 0)
        + " / "
        + Fmt.num(Describe.median(x), 1)
        + " / "
        + Fmt.num(Describe.quantile(x, 1), 0);
  }

  private int scored(List<Participant> ps, String instrument, int month) {
    Optional<double[]> s = data.scores(instrument, month);
    if (s.isEmpty()) {
      return 0;
    }
    return (int) indexes(ps).stream().filter(i -> !Double.isNaN(s.get()[i])).count();
  }

  /** Positions of these participants in the data (scores are stored per participant index). */
  private List<Integer> indexes(List<Participant> ps) {
    List<Integer> out = new ArrayList<>();
    List<Participant> all = data.participants();
    java.util.Set<Participant> wanted =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    wanted.addAll(ps);
    for (int i = 0; i < all.size(); i++) {
      if (wanted.contains(all.get(i))) {
        out.add(i);
      }
    }
    return out;
  }

  private static String count(List<Participant> ps, Predicate<Participant> f) {
    return Long.toString(ps.stream().filter(f).count());
  }

  private void analysedRow(List<List<String>> rows, String label, RowId id) {
    results
        .one(id)
        .ifPresent(
            e ->
                rows.add(
                    row(
                        label + " (" + id + ")",
                        "",
                        "",
                        e.n() == null ? "NA" : Long.toString(e.n()))));
  }

  // ---- Table 2: baseline characteristics
  // --------------------------------------------------------------------

  Table baseline() {
    List<String> header = row("Characteristic", a(0), a(1), "Total");
    List<List<String>> rows = new ArrayList<>();
    rows.add(section("Participant level", 4));
    rows.add(byArm("Participants, n", ps -> Integer.toString(ps.size()), true));
    rows.add(
        byArm(
            "Age (years), mean (SD)",
            ps -> {
              double[] x = ages(ps);
              return x.length == 0 ? Fmt.DASH : Fmt.meanSd(Describe.mean(x), Describe.sd(x), 1);
            },
            true));
    rows.add(byArm("Age (years), median [IQR]", ps -> medianIqr(ages(ps)), true));
    codeRows(rows, "Sex", "sex", Participant::sex);
    codeRows(rows, "Ethnicity", "ethnicity", Participant::ethnicity);
    codeRows(rows, "Diagnosis", "diagnosis", Participant::diagnosis);
    rows.add(byArm("Prior admissions, median [IQR]", ps -> medianIqr(prior(ps)), true));
    rows.add(
        byArm(
            "Prior admissions, missing", ps -> count(ps, p -> p.priorAdmissions() == null), true));
    rows.add(section("Cluster level", 4));
    rows.add(clusterRow("Clusters, n", c -> true));
    rows.add(
        clusterStat(
            "Cluster size (participants), mean",
            x -> Fmt.num(Describe.mean(x), 1),
            this::clusterSizes));
    rows.add(
        clusterStat(
            "Cluster size (participants), median [IQR]", Tables::medianIqr, this::clusterSizes));
    rows.add(
        clusterStat(
            "List size, mean (SD)",
            x -> x.length == 0 ? Fmt.DASH : Fmt.meanSd(Describe.mean(x), Describe.sd(x), 0),
            this::listSizes));
    rows.add(clusterRow("List size, missing", c -> c.listSize() == null));
    rows.add(section("Deprivation quintile, n (%)", 4));
    for (int q = 1; q <= 5; q++) {
      int quintile = q;
      rows.add(
          clusterShare("  " + q, c -> Integer.valueOf(quintile).equals(c.deprivationQuintile())));
    }
    rows.add(clusterShare("  missing", c -> c.deprivationQuintile() == null));
    return new Table(
        "2-baseline",
        "Table 2. Baseline characteristics by arm",
        header,
        rows,
        List.of(
            "Percentages of participants (participant level) or clusters (cluster level) in the"
                + " column.",
            "IQR: first and third quartiles (R type 7). SD with n - 1."));
  }

  private static double[] ages(List<Participant> ps) {
    return ps.stream().mapToDouble(Participant::age).toArray();
  }

  private static double[] prior(List<Participant> ps) {
    return ps.stream()
        .filter(p -> p.priorAdmissions() != null)
        .mapToDouble(p -> p.priorAdmissions())
        .toArray();
  }

  private static String medianIqr(double[] x) {
    return x.length == 0
        ? Fmt.DASH
        : Fmt.medianIqr(
            Describe.median(x), Describe.quantile(x, 0.25), Describe.quantile(x, 0.75), 1);
  }

  private double[] listSizes(Predicate<Cluster> which) {
    return data.clusters().stream()
        .filter(which)
        .filter(c -> c.listSize() != null)
        .mapToDouble(c -> c.listSize())
        .toArray();
  }

  private List<String> clusterStat(
      String label, Function<double[], String> f, Function<Predicate<Cluster>, double[]> values) {
    List<String> row = new ArrayList<>();
    row.add(label);
    for (String arm : arms) {
      row.add(f.apply(values.apply(c -> arm.equals(c.arm()))));
    }
    row.add(f.apply(values.apply(c -> true)));
    return row;
  }

  private List<String> clusterShare(String label, Predicate<Cluster> which) {
    List<String> row = new ArrayList<>();
    row.add(label);
    for (String arm : arms) {
      List<Cluster> cs = data.clusters().stream().filter(c -> arm.equals(c.arm())).toList();
      row.add(Fmt.countPct((int) cs.stream().filter(which).count(), cs.size()));
    }
    row.add(
        Fmt.countPct((int) data.clusters().stream().filter(which).count(), data.clusters().size()));
    return row;
  }

  /**
   * One row per code of the contract's code list that occurs, in contract order, then missing if
   * optional.
   */
  private void codeRows(
      List<List<String>> rows, String label, String column, Function<Participant, String> get) {
    rows.add(section(label + ", n (%)", 4));
    var col = TrialFile.PARTICIPANTS.columns().get(TrialFile.PARTICIPANTS.indexOf(column));
    for (String code : col.codes()) {
      if (data.participants().stream().anyMatch(p -> code.equals(get.apply(p)))) {
        rows.add(
            byArm(
                "  " + code,
                ps ->
                    Fmt.countPct(
                        (int) ps.stream().filter(p -> code.equals(get.apply(p))).count(),
                        ps.size()),
                true));
      }
    }
    if (!col.required()) {
      rows.add(
          byArm(
              "  missing",
              ps ->
                  Fmt.countPct(
                      (int) ps.stream().filter(p -> get.apply(p) == null).count(), ps.size()),
              true));
    }
  }

  // ---- Table 3: time to relapse
  // -----------------------------------------------------------------------------

  Table relapse() {
    List<String> header = row("Quantity", a(0), a(1), EFFECT, "p");
    List<List<String>> rows = new ArrayList<>();
    rows.add(armRow("Participants, n", ps -> Integer.toString(ps.size())));
    rows.add(
        armRow(
            "Relapses, n (%)",
            ps -> Fmt.countPct((int) ps.stream().filter(Participant::relapse).count(), ps.size())));
    for (int t : results.times(RowId.RELAPSE_KM)) {
      List<String> r = new ArrayList<>();
      r.add("Relapse-free survival at " + t + " days (95% CI)");
      for (String arm : arms) {
        r.add(results.arm(RowId.RELAPSE_KM, arm, t).map(e -> armValue(e, 3)).orElse(Fmt.DASH));
      }
      r.add("");
      r.add("");
      rows.add(r);
    }
    List<String> rmst = new ArrayList<>();
    rmst.add("Restricted mean relapse-free time to " + in.results().horizonDays() + " days (SE)");
    for (String arm : arms) {
      rmst.add(
          results.armAnyTime(RowId.RELAPSE_RMST, arm).map(e -> armValue(e, 1)).orElse(Fmt.DASH));
    }
    Optional<Estimate> diff = results.armAnyTime(RowId.RELAPSE_RMST, "difference");
    rmst.add(diff.map(e -> "difference " + results.effect(e).text(1)).orElse(""));
    rmst.add(diff.map(e -> results.effect(e).pText()).orElse(""));
    rows.add(rmst);
    results
        .one(RowId.RELAPSE_LOGRANK)
        .ifPresent(
            e ->
                rows.add(
                    row(
                        "Log-rank test",
                        "",
                        "",
                        e.estimate() == null
                            ? "not estimable: " + blinding.scrub(e.note())
                            : "chi-square " + Fmt.num(e.estimate(), 2) + ", df " + Fmt.df(e.df()),
                        e.estimate() == null ? "" : Fmt.p(e.pValue()))));
    effectRow(rows, "Hazard ratio, unadjusted", RowId.RELAPSE_COX, 2, 5);
    effectRow(rows, "Hazard ratio, adjusted", RowId.RELAPSE_COX_ADJUSTED, 2, 5);
    List<String> notes = new ArrayList<>();
    notes.add(
        "Effects are "
            + blinding.contrast()
            + ". Hazard ratio below 1: fewer relapses in "
            + a(0)
            + ".");
    methodNotes(
        notes,
        RowId.RELAPSE_KM,
        RowId.RELAPSE_LOGRANK,
        RowId.RELAPSE_COX,
        RowId.RELAPSE_COX_ADJUSTED,
        RowId.RELAPSE_RMST);
    countNote(notes, RowId.RELAPSE_COX);
    countNote(notes, RowId.RELAPSE_COX_ADJUSTED);
    return new Table("3-relapse", "Table 3. Time to first relapse", header, rows, notes);
  }

  /**
   * A per-arm value: the estimate with its limits or SE, or the note when it could not be computed.
   */
  private String armValue(Estimate e, int decimals) {
    if (e.estimate() == null) {
      return "not estimable: " + blinding.scrub(e.note());
    }
    return Fmt.withCi(e.estimate(), e.ciLow(), e.ciHigh(), e.se(), decimals);
  }

  private List<String> armRow(String label, Function<List<Participant>, String> f) {
    List<String> r = new ArrayList<>(byArm(label, f, false));
    r.add("");
    r.add("");
    return r;
  }

  private void effectRow(
      List<List<String>> rows, String label, RowId id, int decimals, int columns) {
    results
        .one(id)
        .ifPresent(
            e -> {
              Lookup.Effect eff = results.effect(e);
              List<String> r =
                  new ArrayList<>(
                      List.of(label + " (" + id + ")", "", "", eff.text(decimals), eff.pText()));
              while (r.size() < columns) {
                r.add("");
              }
              rows.add(r);
            });
  }

  private void methodNotes(List<String> notes, RowId... ids) {
    for (RowId id : ids) {
      in.results().estimates().stream()
          .filter(e -> e.id().equals(id) && e.method() != null)
          .findFirst()
          .ifPresent(e -> notes.add(id + ": " + blinding.scrub(e.method()) + "."));
    }
  }

  private void countNote(List<String> notes, RowId id) {
    results
        .one(id)
        .filter(e -> e.n() != null)
        .ifPresent(
            e ->
                notes.add(
                    id
                        + ": n = "
                        + e.n()
                        + (e.events() == null ? "" : ", events = " + e.events())
                        + (e.clusters() == null ? "" : ", clusters = " + e.clusters())
                        + "."));
  }

  // ---- Table 4: hospitalisation
  // -----------------------------------------------------------------------------

  Table hospitalisation() {
    List<String> header = row("Quantity", a(0), a(1), EFFECT, "p");
    List<List<String>> rows = new ArrayList<>();
    rows.add(armRow("Participants, n", ps -> Integer.toString(ps.size())));
    rows.add(armRow("Participant-years of follow-up", ps -> Fmt.num(years(ps), 1)));
    rows.add(section("Admissions", 5));
    rows.add(
        armRow(
            "  Admissions, total",
            ps -> Long.toString(ps.stream().mapToLong(Participant::admissions).sum())));
    rows.add(
        armRow(
            "  Admissions per participant-year",
            ps -> Fmt.num(rate(ps, Participant::admissions), 2)));
    effectRow(rows, "  Rate ratio", RowId.ADMISSIONS_NB, 2, 5);
    rows.add(section("Bed days", 5));
    rows.add(
        armRow(
            "  Bed days, total",
            ps -> Long.toString(ps.stream().mapToLong(Participant::bedDays).sum())));
    rows.add(
        armRow(
            "  Bed days per participant-year", ps -> Fmt.num(rate(ps, Participant::bedDays), 2)));
    effectRow(rows, "  Rate ratio", RowId.BED_DAYS_NB, 2, 5);
    List<String> notes = new ArrayList<>();
    notes.add(
        "Effects are "
            + blinding.contrast()
            + ". Rates: total events / total participant-years in the arm.");
    methodNotes(notes, RowId.ADMISSIONS_NB, RowId.BED_DAYS_NB);
    for (RowId id : List.of(RowId.ADMISSIONS_NB, RowId.BED_DAYS_NB)) {
      results
          .one(id)
          .filter(e -> e.extras().get("theta") instanceof Number)
          .ifPresent(
              e ->
                  notes.add(
                      id
                          + ": negative binomial theta = "
                          + Fmt.num(((Number) e.extras().get("theta")).doubleValue(), 3)
                          + (e.n() == null ? "" : ", n = " + e.n())
                          + "."));
    }
    return new Table(
        "4-hospitalisation", "Table 4. Hospital admissions and bed days", header, rows, notes);
  }

  private static double years(List<Participant> ps) {
    return ps.stream().mapToDouble(Participant::followupYears).sum();
  }

  private static Double rate(
      List<Participant> ps, java.util.function.ToIntFunction<Participant> f) {
    double y = years(ps);
    return y == 0 ? null : ps.stream().mapToInt(f).sum() / y;
  }

  // ---- Table 5: recovery
  // ------------------------------------------------------------------------------------

  Table recovery() {
    List<String> header = row("Quantity", a(0), a(1), EFFECT, "p", "ICC");
    List<List<String>> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    notes.add(
        "Effects are mean differences "
            + blinding.contrast()
            + ", adjusted for the baseline score.");
    results
        .recovery()
        .forEach(
            (instrument, months) -> {
              rows.add(section(instrument, 6));
              for (int m : scoreMonths(instrument)) {
                List<String> r = new ArrayList<>();
                r.add("  Month " + m + ", mean (SD); n");
                for (String arm : arms) {
                  r.add(scoreSummary(instrument, m, participants(inArm(arm))));
                }
                r.addAll(List.of("", "", ""));
                rows.add(r);
              }
              for (int m : months) {
                effectRow(
                    rows,
                    "  Month " + m + ", ANCOVA",
                    RowId.recovery(instrument, m, RecoveryAnalysis.ANCOVA),
                    2,
                    6);
                RowId lmm = RowId.recovery(instrument, m, RecoveryAnalysis.LMM);
                results
                    .one(lmm)
                    .ifPresent(
                        e -> {
                          Lookup.Effect eff = results.effect(e);
                          Object icc = e.extras().get("icc");
                          boolean singular = Boolean.TRUE.equals(e.extras().get("singular"));
                          rows.add(
                              row(
                                  "  Month " + m + ", mixed model (" + lmm + ")",
                                  "",
                                  "",
                                  eff.text(2),
                                  eff.pText(),
                                  icc instanceof Number n
                                      ? Fmt.num(n.doubleValue(), 3)
                                          + (singular ? " (singular)" : "")
                                      : ""));
                          if (singular) {
                            notes.add(
                                lmm
                                    + ": singular fit, cluster variance estimated as 0 (the mixed"
                                    + " model reduces to ordinary least squares).");
                          }
                        });
              }
            });
    methodNotes(
        notes,
        results.recovery().entrySet().stream()
            .flatMap(
                en ->
                    en.getValue().stream()
                        .flatMap(
                            m ->
                                java.util.stream.Stream.of(
                                    RowId.recovery(en.getKey(), m, RecoveryAnalysis.ANCOVA),
                                    RowId.recovery(en.getKey(), m, RecoveryAnalysis.LMM))))
            .toArray(RowId[]::new));
    return new Table("5-recovery", "Table 5. Recovery and symptom scores", header, rows, notes);
  }

  private List<Integer> scoreMonths(String instrument) {
    TreeSet<Integer> m = new TreeSet<>();
    data.scores().keySet().stream()
        .filter(k -> k.instrument().equals(instrument))
        .forEach(k -> m.add(k.timepoint()));
    return new ArrayList<>(m);
  }

  private String scoreSummary(String instrument, int month, List<Participant> ps) {
    Optional<double[]> s = data.scores(instrument, month);
    if (s.isEmpty()) {
      return Fmt.DASH;
    }
    double[] x =
        indexes(ps).stream().mapToDouble(i -> s.get()[i]).filter(v -> !Double.isNaN(v)).toArray();
    if (x.length == 0) {
      return "n=0";
    }
    return Fmt.meanSd(Describe.mean(x), Describe.sd(x), 1) + "; n=" + x.length;
  }

  // ---- Table 6: network meetings and fidelity
  // ---------------------------------------------------------------

  Table meetings() {
    List<String> header =
        row(
            "Level",
            "Unit",
            "Arm",
            "Participants",
            "Meetings",
            "Meetings per participant, mean (SD)",
            "Median [IQR]",
            "With >=1 meeting (%)",
            ">=2 practitioners (%)",
            "Median days to first meeting",
            "First meeting within 1 day (%)",
            "Mean network members");
    List<List<String>> rows = new ArrayList<>();
    for (String arm : arms) {
      Fidelity f = Fidelity.of(data, inArm(arm));
      Optional<Estimate> m = results.armAnyTime(RowId.MEETINGS, arm);
      Optional<Estimate> fid = results.armAnyTime(RowId.MEETINGS_FIDELITY, arm);
      rows.add(
          row(
              "Arm",
              "all",
              blinding.label(arm),
              Integer.toString(f.participants()),
              Integer.toString(f.meetings()),
              m.map(e -> Fmt.meanSd(d(e, "mean"), d(e, "sd"), 2)).orElse(Fmt.DASH),
              m.map(e -> Fmt.medianIqr(d(e, "median"), d(e, "q1"), d(e, "q3"), 1)).orElse(Fmt.DASH),
              m.map(e -> Fmt.pct(d(e, "share_any"))).orElse(Fmt.DASH),
              fid.map(e -> Fmt.pct(d(e, "share_two_practitioners"))).orElse(Fmt.DASH),
              fid.map(e -> Fmt.num(d(e, "median_days_to_first_meeting"), 1)).orElse(Fmt.DASH),
              fid.map(e -> Fmt.pct(d(e, "share_first_within_1_day"))).orElse(Fmt.DASH),
              fid.map(e -> Fmt.num(d(e, "mean_network_members"), 2)).orElse(Fmt.DASH)));
    }
    for (String site : new TreeSet<>(data.clusters().stream().map(Cluster::siteId).toList())) {
      for (String arm : arms) {
        Predicate<Participant> who = p -> site.equals(p.siteId()) && arm.equals(p.arm());
        if (data.participants().stream().anyMatch(who)) {
          rows.add(groupRow("Site", site, arm, who));
        }
      }
    }
    data.clusters().stream()
        .sorted(java.util.Comparator.comparing(Cluster::clusterId))
        .forEach(
            c ->
                rows.add(
                    groupRow(
                        "Cluster",
                        c.clusterId(),
                        c.arm(),
                        p -> c.clusterId().equals(p.clusterId()))));
    return new Table(
        "6-meetings",
        "Table 6. Network meetings and fidelity by arm, site and cluster",
        header,
        rows,
        List.of(
            "Arm rows: the results.json rows meetings and meetings.fidelity (fidelity is reported"
                + " for arms that deliver meetings); participants and meetings counted from the"
                + " data.",
            "Site and cluster rows: computed from the data with the same definitions.",
            "Meetings: network meetings dated from 30 days before baseline to the end of"
                + " follow-up.",
            ">=2 practitioners: share of meetings with at least "
                + Fidelity.MIN_PRACTITIONERS
                + " practitioners. Days to first meeting: over participants with a meeting.",
            "First meeting within 1 day: participants with a meeting whose first meeting is at most"
                + " "
                + Fidelity.FIRST_MEETING_WITHIN_DAYS
                + " day after baseline, over participants with a meeting."));
  }

  private List<String> groupRow(String level, String unit, String arm, Predicate<Participant> who) {
    Fidelity f = Fidelity.of(data, who);
    double[] counts = participants(who).stream().mapToDouble(Participant::meetings).toArray();
    return row(
        level,
        unit,
        blinding.label(arm),
        Integer.toString(f.participants()),
        Integer.toString(f.meetings()),
        counts.length == 0 ? Fmt.DASH : Fmt.meanSd(Describe.mean(counts), Describe.sd(counts), 2),
        medianIqr(counts),
        f.participants() == 0
            ? Fmt.DASH
            : Fmt.pct((double) f.participantsWithMeeting() / f.participants()),
        Fmt.pct(f.shareTwoPractitioners()),
        f.medianDaysToFirstMeeting() == null ? Fmt.DASH : Fmt.num(f.medianDaysToFirstMeeting(), 1),
        Fmt.pct(f.shareFirstWithin1Day()),
        f.meanNetworkMembers() == null ? Fmt.DASH : Fmt.num(f.meanNetworkMembers(), 2));
  }

  private static Double d(Estimate e, String key) {
    return e.extras().get(key) instanceof Number n ? n.doubleValue() : null;
  }
}
