package org.odtrial.ingest.store.internal;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.StoreException;
import org.odtrial.ingest.validate.SiteScope;

/**
 * The part of the trial that a load of one site ({@code odtrial ingest --site}) replaces, fixed
 * when the load starts (inside its write transaction, so no other load changes it meanwhile): the
 * site's current clusters and their current participants, kept in two temporary tables. A record
 * is the site's when it is one of those clusters or participants, or a record of one of those
 * participants. Only those current records can be closed by the load; every other site's records
 * stay as they are.
 *
 * <p>It is also the {@link SiteScope} the upload is validated against: the ids that other sites'
 * current records hold, kept as sorted 64-bit fingerprints (8 bytes a record; a fingerprint that
 * matches is confirmed, and its site found, with one exact query). It sees what the connection's
 * database role may read: under row-level security, a site data manager sees none of the other
 * sites' records, and PostgreSQL's one-current-version-per-key index refuses such an id at commit.
 */
final class SiteLoad implements SiteScope {
  private static final String CLUSTERS = "site_clusters";
  private static final String PARTICIPANTS = "site_participants";

  private final Connection connection;
  private final String site;
  private final String temp;
  private final Map<TrialFile, long[]> others = new EnumMap<>(TrialFile.class);
  private final RecordHasher hasher = new RecordHasher();

  private SiteLoad(Connection connection, String site) {
    this.connection = connection;
    this.site = site;
    this.temp = Dialect.of(connection).temp();
  }

  /** Fixes the site's records inside the load's open write transaction. */
  static SiteLoad start(Connection connection, String site) throws SQLException {
    SiteLoad load = new SiteLoad(connection, site);
    Dialect dialect = Dialect.of(connection);
    String id = dialect.sqlType(TrialFile.CLUSTERS.columns().get(0).type());
    for (String[] table : new String[][] {{CLUSTERS, "cluster_id"}, {PARTICIPANTS, "participant_id"}}) {
      Sql.exec(connection, "DROP TABLE IF EXISTS " + load.temp + table[0]);
      Sql.exec(
          connection, "CREATE TEMP TABLE " + table[0] + " (" + table[1] + " " + id + " PRIMARY KEY)");
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO "
                + load.temp
                + CLUSTERS
                + " SELECT DISTINCT cluster_id FROM main.clusters WHERE valid_to IS NULL AND site_id"
                + " = ?")) {
      ps.setString(1, site);
      ps.executeUpdate();
    }
    Sql.exec(
        connection,
        "INSERT INTO "
            + load.temp
            + PARTICIPANTS
            + " SELECT DISTINCT participant_id FROM main.participants WHERE valid_to IS NULL AND "
            + load.owns(TrialFile.PARTICIPANTS, "main.participants"));
    for (TrialFile file : TrialFile.values()) {
      if (file != TrialFile.OUTCOMES) {
        load.others.put(file, load.fingerprints(file));
      }
    }
    return load;
  }

  /**
   * A condition on the current rows of {@code file}'s table under {@code alias}: the row is one of
   * this site's records.
   */
  String owns(TrialFile file, String alias) {
    return switch (file) {
      case CLUSTERS -> alias + ".cluster_id IN (SELECT cluster_id FROM " + temp + CLUSTERS + ")";
      case PARTICIPANTS ->
          alias + ".cluster_id IN (SELECT cluster_id FROM " + temp + CLUSTERS + ")";
      default ->
          alias + ".participant_id IN (SELECT participant_id FROM " + temp + PARTICIPANTS + ")";
    };
  }

  /** Drops the temporary tables (a rolled-back load drops them with the transaction). */
  void finish() throws SQLException {
    Sql.exec(connection, "DROP TABLE IF EXISTS " + temp + PARTICIPANTS);
    Sql.exec(connection, "DROP TABLE IF EXISTS " + temp + CLUSTERS);
  }

  @Override
  public String site() {
    return site;
  }

  @Override
  public String otherSiteHolding(TrialFile file, String key) {
    long[] sorted = others.get(file);
    if (sorted == null || Arrays.binarySearch(sorted, fingerprint(key)) < 0) {
      return null;
    }
    try (PreparedStatement ps = connection.prepareStatement(siteOfKey(file))) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null; // another id with the same fingerprint
        }
        String holder = rs.getString(1);
        return holder == null ? "" : holder;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot look up " + file.key().get(0) + ": " + e.getMessage(), e);
    }
  }

  /** The fingerprints of the ids that other sites' current records of {@code file} hold. */
  private long[] fingerprints(TrialFile file) throws SQLException {
    String key = file.key().get(0);
    long[] out = new long[1024];
    int n = 0;
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT m."
                + key
                + " FROM main."
                + file.tableName()
                + " AS m WHERE m.valid_to IS NULL AND NOT "
                + owns(file, "m"))) {
      ps.setFetchSize(8192);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (n == out.length) {
            out = Arrays.copyOf(out, n * 2);
          }
          out[n++] = fingerprint(rs.getString(1));
        }
      }
    }
    long[] sorted = Arrays.copyOf(out, n);
    Arrays.sort(sorted);
    return sorted;
  }

  /** The site of another site's current record with the given id (one parameter). */
  private String siteOfKey(TrialFile file) {
    String key = file.key().get(0);
    String cluster =
        switch (file) {
          case CLUSTERS -> "m.cluster_id";
          case PARTICIPANTS -> "m.cluster_id";
          default ->
              "(SELECT p.cluster_id FROM main.participants p WHERE p.participant_id ="
                  + " m.participant_id AND p.valid_to IS NULL)";
        };
    return "SELECT (SELECT c.site_id FROM main.clusters c WHERE c.cluster_id = "
        + cluster
        + " AND c.valid_to IS NULL) FROM main."
        + file.tableName()
        + " AS m WHERE m."
        + key
        + " = ? AND m.valid_to IS NULL AND NOT "
        + owns(file, "m");
  }

  private long fingerprint(String key) {
    return ByteBuffer.wrap(hasher.hash(new String[] {key})).getLong();
  }
}
