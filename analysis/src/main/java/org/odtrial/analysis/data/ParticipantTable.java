package org.odtrial.analysis.data;

import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The derived per-participant data as a Tablesaw {@link Table}, one typed column per field, for
 * exploring a load from Java (filter, summarize, join) and for writing derived.csv. Missing values
 * are Tablesaw's missing values.
 */
public final class ParticipantTable {
  private ParticipantTable() {}

  public static Table of(AnalysisData data) {
    List<Participant> ps = data.participants();
    int n = ps.size();
    StringColumn id = StringColumn.create("participant_id");
    StringColumn cluster = StringColumn.create("cluster_id");
    StringColumn site = StringColumn.create("site_id");
    StringColumn arm = StringColumn.create("arm");
    DateColumn baseline = DateColumn.create("baseline_date");
    DateColumn end = DateColumn.create("end");
    BooleanColumn relapse = BooleanColumn.create("relapse");
    IntColumn relapseDays = IntColumn.create("relapse_days");
    IntColumn admissions = IntColumn.create("admissions");
    IntColumn bedDays = IntColumn.create("bed_days");
    DoubleColumn followupYears = DoubleColumn.create("followup_years");
    IntColumn age = IntColumn.create("age");
    StringColumn sex = StringColumn.create("sex");
    StringColumn ethnicity = StringColumn.create("ethnicity");
    StringColumn diagnosis = StringColumn.create("diagnosis");
    IntColumn prior = IntColumn.create("prior_admissions");
    BooleanColumn died = BooleanColumn.create("died");
    BooleanColumn withdrawn = BooleanColumn.create("withdrawn");
    IntColumn meetings = IntColumn.create("meetings");
    IntColumn firstMeeting = IntColumn.create("days_to_first_meeting");
    for (Participant p : ps) {
      id.append(p.participantId());
      cluster.append(p.clusterId());
      site.append(p.siteId());
      arm.append(p.arm());
      baseline.append(p.baselineDate());
      end.append(p.end());
      relapse.append(p.relapse());
      relapseDays.append(p.relapseDays());
      admissions.append(p.admissions());
      bedDays.append(p.bedDays());
      followupYears.append(p.followupYears());
      age.append(p.age());
      sex.append(p.sex());
      appendOrMissing(ethnicity, p.ethnicity());
      appendOrMissing(diagnosis, p.diagnosis());
      appendOrMissing(prior, p.priorAdmissions());
      died.append(p.died());
      withdrawn.append(p.withdrawn());
      meetings.append(p.meetings());
      appendOrMissing(firstMeeting, p.daysToFirstMeeting());
    }
    Table t =
        Table.create(
            "participants",
            id,
            cluster,
            site,
            arm,
            baseline,
            end,
            relapse,
            relapseDays,
            admissions,
            bedDays,
            followupYears,
            age,
            sex,
            ethnicity,
            diagnosis,
            prior,
            died,
            withdrawn,
            meetings,
            firstMeeting);
    if (t.rowCount() != n) {
      throw new IllegalStateException(
          "table has " + t.rowCount() + " rows for " + n + " participants");
    }
    return t;
  }

  private static void appendOrMissing(StringColumn c, String v) {
    if (v == null) {
      c.appendMissing();
    } else {
      c.append(v);
    }
  }

  private static void appendOrMissing(IntColumn c, Integer v) {
    if (v == null) {
      c.appendMissing();
    } else {
      c.append(v);
    }
  }
}
