package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.odtrial.analysis.data.Cluster;
import org.odtrial.analysis.data.Participant;
import org.odtrial.analysis.descriptive.Fidelity;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.results.RowId;

/**
 * Table 6, network meetings and fidelity by arm, site and cluster. Meetings are how the
 * intervention is delivered, so their counts differ between the arms by design: a blinded report
 * shows them pooled over both arms only, and withholds the arm, site and cluster rows.
 */
final class MeetingsTable {
  private static final String SITE_ARM_SEPARATOR = "\u0000";

  private final Context cx;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private MeetingsTable(Context cx) {
    this.cx = cx;
  }

  static Table build(Context cx, int number) {
    return new MeetingsTable(cx).table(number);
  }

  /** One group's delivery figures, from the results rows (arms) or the data (everything else). */
  private record Delivery(
      int participants,
      int meetings,
      Double mean,
      Double sd,
      Double median,
      Double q1,
      Double q3,
      Double shareAny,
      Double shareTwo,
      Double medianDays,
      Double shareWithin,
      Double members) {}

  private Table table(int number) {
    notes.add(
        "Meetings: network meetings dated from 30 days before baseline to the end of follow-up."
            + " ≥2 practitioners: share of meetings with at least "
            + Fidelity.MIN_PRACTITIONERS
            + " practitioners. Days to first meeting and first meeting within "
            + Fidelity.FIRST_MEETING_WITHIN_DAYS
            + " day of baseline: over participants with a meeting.");
    if (cx.blinding.blinded()) {
      rows.add(row("All participants", "both arms, pooled", fromData(p -> true)));
      notes.add(
          "Blinded report: network meetings are how the intervention is delivered and differ"
              + " between the arms by design, so they are shown pooled over both arms; the"
              + " figures by arm, site and cluster are withheld.");
    } else {
      rows.add(Row.heading("By arm", columns().size()));
      for (String arm : cx.arms) {
        Fidelity f = Fidelity.of(cx.data, p -> arm.equals(p.arm()));
        rows.add(row("All participants", cx.blinding.label(arm), fromResults(arm, f)).indented());
      }
      rows.add(Row.heading("By site", columns().size()));
      // every site-and-arm and cluster group in one pass over the participants
      Function<Participant, String> siteArm = p -> p.siteId() + SITE_ARM_SEPARATOR + p.arm();
      Map<String, Fidelity> bySite = new TreeMap<>(Fidelity.byGroup(cx.data, siteArm));
      Map<String, List<Double>> siteCounts = meetingCounts(siteArm);
      bySite.forEach(
          (key, f) -> {
            String[] site = key.split(SITE_ARM_SEPARATOR);
            rows.add(
                row(site[0], cx.blinding.label(site[1]), delivery(f, counts(siteCounts, key)))
                    .indented());
          });
      rows.add(Row.heading("By cluster", columns().size()));
      Map<String, Fidelity> byCluster = Fidelity.byGroup(cx.data, Participant::clusterId);
      Map<String, List<Double>> clusterCounts = meetingCounts(Participant::clusterId);
      cx.data.clusters().stream()
          .sorted(java.util.Comparator.comparing(Cluster::clusterId))
          .forEach(
              c -> {
                Fidelity f = byCluster.get(c.clusterId());
                rows.add(
                    row(
                            c.clusterId(),
                            cx.blinding.label(c.arm()),
                            f == null ? empty() : delivery(f, counts(clusterCounts, c.clusterId())))
                        .indented());
              });
      notes.add(
          "Arm rows: the results rows of meetings and fidelity (fidelity is reported for the arm"
              + " that delivers meetings); site and cluster rows: computed from the data with the"
              + " same definitions.");
    }
    return Table.of(
        "meetings",
        number,
        "Network meetings and fidelity"
            + (cx.blinding.blinded() ? ", both arms pooled" : " by arm, site and cluster"),
        "Group",
        columns(),
        rows,
        notes);
  }

  private static List<Column> columns() {
    return List.of(
        new Column("Arm", ""),
        new Column("Participants", ""),
        new Column("Meetings", ""),
        new Column("Meetings per participant, mean (SD)", ""),
        new Column("Meetings per participant, median [IQR]", ""),
        new Column("With ≥1 meeting, %", ""),
        new Column("≥2 practitioners, %", ""),
        new Column("Days to first meeting, median", ""),
        new Column("First meeting within 1 day, %", ""),
        new Column("Network members per meeting, mean", ""));
  }

  private Row row(String label, String arm, Delivery d) {
    List<Cell> c = new ArrayList<>();
    c.add(Cell.of(arm, "arm", arm));
    c.add(Cell.of(Fmt.count(d.participants()), "participants", d.participants()));
    c.add(Cell.of(Fmt.count(d.meetings()), "meetings", d.meetings()));
    c.add(
        Cell.of(d.mean() == null ? Fmt.NA : Fmt.meanSd(d.mean(), d.sd(), 2), "mean", d.mean())
            .with("sd", d.sd()));
    c.add(
        Cell.of(
                d.median() == null ? Fmt.NA : Fmt.medianIqr(d.median(), d.q1(), d.q3(), 1),
                "median",
                d.median())
            .with("q1", d.q1())
            .with("q3", d.q3()));
    c.add(Cell.of(Fmt.pct(d.shareAny()), "with_meeting_percent", pct(d.shareAny())));
    c.add(Cell.of(Fmt.pct(d.shareTwo()), "two_practitioners_percent", pct(d.shareTwo())));
    c.add(Cell.of(Fmt.num(d.medianDays(), 1), "days_to_first_meeting_median", d.medianDays()));
    c.add(Cell.of(Fmt.pct(d.shareWithin()), "first_within_1_day_percent", pct(d.shareWithin())));
    c.add(Cell.of(Fmt.num(d.members(), 2), "network_members_mean", d.members()));
    return Row.of(label, c);
  }

  private static Double pct(Double share) {
    return share == null ? null : 100 * share;
  }

  private static Delivery empty() {
    return new Delivery(0, 0, null, null, null, null, null, null, null, null, null, null);
  }

  /** An arm's figures: the results rows meetings and meetings.fidelity, counts from the data. */
  private Delivery fromResults(String arm, Fidelity f) {
    Optional<Estimate> m = cx.rows.armAnyTime(RowId.MEETINGS, arm);
    Optional<Estimate> fid = cx.rows.armAnyTime(RowId.MEETINGS_FIDELITY, arm);
    return new Delivery(
        f.participants(),
        f.meetings(),
        m.map(e -> d(e, "mean")).orElse(null),
        m.map(e -> d(e, "sd")).orElse(null),
        m.map(e -> d(e, "median")).orElse(null),
        m.map(e -> d(e, "q1")).orElse(null),
        m.map(e -> d(e, "q3")).orElse(null),
        m.map(e -> d(e, "share_any")).orElse(null),
        fid.map(e -> d(e, "share_two_practitioners")).orElse(null),
        fid.map(e -> d(e, "median_days_to_first_meeting")).orElse(null),
        fid.map(e -> d(e, "share_first_within_1_day")).orElse(null),
        fid.map(e -> d(e, "mean_network_members")).orElse(null));
  }

  private Delivery fromData(Predicate<Participant> who) {
    return delivery(Fidelity.of(cx.data, who), cx.values(cx.positions(who), Participant::meetings));
  }

  /** Each group's meetings per participant, in one pass. */
  private Map<String, List<Double>> meetingCounts(Function<Participant, String> group) {
    Map<String, List<Double>> out = new HashMap<>();
    for (Participant p : cx.data.participants()) {
      out.computeIfAbsent(group.apply(p), k -> new ArrayList<>()).add((double) p.meetings());
    }
    return out;
  }

  private static double[] counts(Map<String, List<Double>> counts, String key) {
    return counts.getOrDefault(key, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Delivery delivery(Fidelity f, double[] counts) {
    boolean any = counts.length > 0;
    double[] q = Describe.quantiles(counts, 0.5, 0.25, 0.75);
    return new Delivery(
        f.participants(),
        f.meetings(),
        any ? Describe.mean(counts) : null,
        counts.length > 1 ? Describe.sd(counts) : null,
        any ? q[0] : null,
        any ? q[1] : null,
        any ? q[2] : null,
        f.participants() == 0 ? null : (double) f.participantsWithMeeting() / f.participants(),
        f.shareTwoPractitioners(),
        f.medianDaysToFirstMeeting(),
        f.shareFirstWithin1Day(),
        f.meanNetworkMembers());
  }

  private static Double d(Estimate e, String key) {
    return e.extras().get(key) instanceof Number n ? n.doubleValue() : null;
  }
}
