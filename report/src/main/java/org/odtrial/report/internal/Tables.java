package org.odtrial.report.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's tables in order: CONSORT flow, baseline, the outcomes (relapse, hospital use,
 * recovery), network meetings, the plan's estimands, then the sensitivity analyses and the
 * subgroups when the plan or the results have them.
 */
public final class Tables {
  private Tables() {}

  public static List<Table> all(Context cx) {
    List<Table> out = new ArrayList<>();
    out.add(ConsortTable.build(cx, 1));
    out.add(BaselineTable.build(cx, 2));
    out.add(RelapseTable.build(cx, 3));
    out.add(HospitalTable.build(cx, 4));
    out.add(RecoveryTable.build(cx, 5));
    out.add(MeetingsTable.build(cx, 6));
    EstimandsTable.build(cx, out.size() + 1).ifPresent(out::add);
    SensitivityTable.build(cx, out.size() + 1).ifPresent(out::add);
    SubgroupTable.build(cx, out.size() + 1).ifPresent(out::add);
    return out;
  }
}
