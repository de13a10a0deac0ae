package org.odtrial.ingest.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.odtrial.ingest.RecordSink;
import org.odtrial.ingest.contract.ColumnType;
import org.odtrial.ingest.contract.TrialFile;

/**
 * A small in-memory upload for tests: records per file in canonical column order, editable between
 * loads.
 */
final class Upload {
  private final Map<TrialFile, List<String[]>> records = new EnumMap<>(TrialFile.class);

  Upload() {
    for (TrialFile file : TrialFile.values()) {
      records.put(file, new ArrayList<>());
    }
  }

  /** A copy whose record lists (and arrays) can be changed without touching this one. */
  Upload copy() {
    Upload copy = new Upload();
    records.forEach((file, list) -> list.forEach(r -> copy.records.get(file).add(r.clone())));
    return copy;
  }

  Upload add(TrialFile file, String... values) {
    if (values.length != file.columns().size()) {
      throw new IllegalArgumentException(file + " needs " + file.columns().size() + " values");
    }
    records.get(file).add(values);
    return this;
  }

  /** Replaces the value of one column in the record whose first column is {@code id}. */
  Upload set(TrialFile file, String id, String column, String value) {
    find(file, id)[file.indexOf(column)] = value;
    return this;
  }

  Upload remove(TrialFile file, String id) {
    records.get(file).remove(find(file, id));
    return this;
  }

  List<String[]> records(TrialFile file) {
    return records.get(file);
  }

  /** The records of a file in the store's read order: by key, integer key columns numerically. */
  List<String[]> sorted(TrialFile file) {
    List<String[]> sorted = new ArrayList<>(records.get(file));
    sorted.sort(keyOrder(file));
    return sorted;
  }

  void streamInto(RecordSink sink) {
    for (TrialFile file : TrialFile.values()) {
      long line = 2;
      for (String[] r : records.get(file)) {
        sink.accept(file, line++, r.clone());
      }
    }
  }

  /** Stands in for the caller's SHA-256 of one file's bytes: a digest of its records. */
  String sha256(TrialFile file) {
    MessageDigest md = sha();
    for (String[] r : records.get(file)) {
      for (String v : r) {
        md.update((v == null ? "\u0000" : v + "\u0001").getBytes(StandardCharsets.UTF_8));
      }
      md.update((byte) '\n');
    }
    return HexFormat.of().formatHex(md.digest());
  }

  String sha256() {
    MessageDigest md = sha();
    for (TrialFile file : TrialFile.values()) {
      md.update(sha256(file).getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  LoadMetadata meta(Instant loadedAt) {
    Map<TrialFile, String> files = new EnumMap<>(TrialFile.class);
    for (TrialFile file : TrialFile.values()) {
      files.put(file, sha256(file));
    }
    return new LoadMetadata(
        sha256(), files, loadedAt, "tester", "1.0.0-test", TrialFile.CONTRACT_VERSION);
  }

  /** Writes and commits this upload. */
  LoadResult loadInto(TrialStore store, Instant loadedAt) {
    try (LoadWriter writer = store.beginLoad(meta(loadedAt))) {
      streamInto(writer);
      return writer.commit(List.of());
    }
  }

  static Comparator<String[]> keyOrder(TrialFile file) {
    Comparator<String[]> order = null;
    for (String key : file.key()) {
      int index = file.indexOf(key);
      Comparator<String[]> next =
          file.column(key).orElseThrow().type() == ColumnType.INTEGER
              ? Comparator.comparingLong((String[] r) -> Long.parseLong(r[index]))
              : Comparator.comparing((String[] r) -> r[index]);
      order = order == null ? next : order.thenComparing(next);
    }
    return order;
  }

  private String[] find(TrialFile file, String id) {
    return records.get(file).stream()
        .filter(r -> r[0].equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(file + " has no " + id));
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A small trial: 2 clusters, 4 participants, a few events, with values chosen to test exact round
   * trips (leading zero, trailing zeros, negative zero, non-ASCII text, missing values).
   */
  static Upload small() {
    Upload u = new Upload();
    u.add(TrialFile.CLUSTERS, "GP01", "S1", "OD", "2019-01-10", "north é", "3", "5400");
    u.add(TrialFile.CLUSTERS, "GP02", "S1", "TAU", "2019-01-10", null, null, "007");
    u.add(
        TrialFile.PARTICIPANTS,
        "P004",
        "GP02",
        "2019-03-01",
        "44",
        "male",
        null,
        "psychosis",
        "0",
        "2021-03-01",
        null,
        null);
    u.add(
        TrialFile.PARTICIPANTS,
        "P001",
        "GP01",
        "2019-02-01",
        "31",
        "female",
        "white",
        "bipolar",
        "2",
        "2021-02-01",
        null,
        null);
    u.add(
        TrialFile.PARTICIPANTS,
        "P002",
        "GP01",
        "2019-02-11",
        "27",
        "other",
        "mixed",
        null,
        null,
        "2020-05-01",
        null,
        "2020-05-01");
    u.add(
        TrialFile.PARTICIPANTS,
        "P003",
        "GP02",
        "2019-02-20",
        "+61",
        "unknown",
        "asian",
        "other",
        "12",
        "2021-02-20",
        "2020-01-01",
        null);
    u.add(TrialFile.ADMISSIONS, "E1", "P001", "inpatient", "2019-06-01", "2019-06-20", "yes");
    u.add(TrialFile.ADMISSIONS, "E2", "P003", "crisis_team", "2019-08-01", null, null);
    u.add(TrialFile.OUTCOMES, "P001", "QPR", "0", "2019-02-01", "31.5");
    u.add(TrialFile.OUTCOMES, "P001", "QPR", "12", "2020-02-01", "40");
    u.add(TrialFile.OUTCOMES, "P001", "BPRS", "0", "2019-02-01", "50.250");
    u.add(TrialFile.OUTCOMES, "P002", "QPR", "0", "2019-02-11", "0.1");
    u.add(TrialFile.OUTCOMES, "P002", "QPR", "6", "2019-08-11", "-0");
    u.add(TrialFile.OUTCOMES, "P003", "QPR", "0", "2019-02-20", "1e1");
    u.add(TrialFile.OUTCOMES, "P004", "EQ5D_VAS", "0", "2019-03-01", "NaN");
    u.add(TrialFile.NETWORK_MEETINGS, "M1", "P001", "2019-02-03", "in_person", "2", "3", "home");
    u.add(TrialFile.NETWORK_MEETINGS, "M2", "P001", "2019-02-10", "video", "02", "0", null);
    return u;
  }
}
