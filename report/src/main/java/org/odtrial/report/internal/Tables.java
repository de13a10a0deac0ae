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
    try (Tasks tasks = Tasks.on(1)) {
      return all(cx, tasks).get();
    }
  }

  /**
   * The same tables, each of the six that are always there built as a piece of its own (those
   * reading every participant first), the optional ones, numbered from 7 in order, as one more.
   */
  public static Tasks.Part<List<Table>> all(Context cx, Tasks tasks) {
    Tasks.Part<Table> meetings = tasks.submit(() -> MeetingsTable.build(cx, 6));
    Tasks.Part<Table> recovery = tasks.submit(() -> RecoveryTable.build(cx, 5));
    Tasks.Part<Table> baseline = tasks.submit(() -> BaselineTable.build(cx, 2));
    Tasks.Part<Table> consort = tasks.submit(() -> ConsortTable.build(cx, 1));
    Tasks.Part<Table> hospital = tasks.submit(() -> HospitalTable.build(cx, 4));
    Tasks.Part<Table> relapse = tasks.submit(() -> RelapseTable.build(cx, 3));
    Tasks.Part<List<Table>> optional =
        tasks.submit(
            () -> {
              List<Table> out = new ArrayList<>();
              int first = 7;
              EstimandsTable.build(cx, first + out.size()).ifPresent(out::add);
              SensitivityTable.build(cx, first + out.size()).ifPresent(out::add);
              SubgroupTable.build(cx, first + out.size()).ifPresent(out::add);
              return out;
            });
    return () -> {
      List<Table> out = new ArrayList<>();
      out.add(consort.get());
      out.add(baseline.get());
      out.add(relapse.get());
      out.add(hospital.get());
      out.add(recovery.get());
      out.add(meetings.get());
      out.addAll(optional.get());
      return out;
    };
  }
}
