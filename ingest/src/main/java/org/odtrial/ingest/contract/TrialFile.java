package org.odtrial.ingest.contract;

import java.util.List;
import java.util.Optional;

/**
 * The five files of a contract-v1 upload, in the order they are read (a file only refers to files
 * before it). Column lists are in contract order; that order is the canonical order of values
 * everywhere in odtrial.
 */
public enum TrialFile {
  CLUSTERS(
      "clusters.csv",
      List.of("cluster_id"),
      Column.id("cluster_id", true),
      Column.id("site_id", true),
      Column.code("arm", true, "OD", "TAU"),
      Column.date("randomised_on", true),
      Column.text("stratum", false, 1, 64),
      Column.integer("deprivation_quintile", false, 1L, 5L),
      Column.integer("list_size", false, 0L, null)),
  PARTICIPANTS(
      "participants.csv",
      List.of("participant_id"),
      Column.id("participant_id", true),
      Column.id("cluster_id", true),
      Column.date("baseline_date", true),
      Column.integer("age", true, 16L, 110L),
      Column.code("sex", true, "female", "male", "other", "unknown"),
      Column.code("ethnicity", false, "white", "black", "asian", "mixed", "other", "unknown"),
      Column.code(
          "diagnosis",
          false,
          "psychosis",
          "bipolar",
          "depression",
          "personality",
          "anxiety",
          "other",
          "unknown"),
      Column.integer("prior_admissions", false, 0L, 100L),
      Column.date("followup_end", true),
      Column.date("withdrawn_on", false),
      Column.date("died_on", false)),
  ADMISSIONS(
      "admissions.csv",
      List.of("episode_id"),
      Column.id("episode_id", true),
      Column.id("participant_id", true),
      Column.code("setting", true, "inpatient", "crisis_team"),
      Column.date("start_date", true),
      Column.date("end_date", false),
      Column.code("detained", false, "yes", "no", "unknown")),
  OUTCOMES(
      "outcomes.csv",
      List.of("participant_id", "instrument", "timepoint"),
      Column.id("participant_id", true),
      Column.code("instrument", true, Instrument.codes()),
      Column.integer("timepoint", true, 0L, 60L),
      Column.date("assessed_on", true),
      Column.decimal("score", true)),
  NETWORK_MEETINGS(
      "network_meetings.csv",
      List.of("meeting_id"),
      Column.id("meeting_id", true),
      Column.id("participant_id", true),
      Column.date("meeting_date", true),
      Column.code("mode", true, "in_person", "video", "phone"),
      Column.integer("practitioners", true, 0L, 20L),
      Column.integer("network_members", true, 0L, 50L),
      Column.code("location", false, "home", "clinic", "other", "unknown"));

  /** Version of the data contract these definitions implement. */
  public static final int CONTRACT_VERSION = 1;

  private final String fileName;
  private final List<String> key;
  private final List<Column> columns;

  TrialFile(String fileName, List<String> key, Column... columns) {
    this.fileName = fileName;
    this.key = List.copyOf(key);
    this.columns = List.of(columns);
  }

  public String fileName() {
    return fileName;
  }

  /** Columns in contract (canonical) order. */
  public List<Column> columns() {
    return columns;
  }

  /** The columns whose values together identify a record uniquely. */
  public List<String> key() {
    return key;
  }

  /** Table name used in the store and in messages, e.g. {@code network_meetings}. */
  public String tableName() {
    return fileName.substring(0, fileName.length() - ".csv".length());
  }

  public Optional<Column> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Index of a column in canonical order, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
