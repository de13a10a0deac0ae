package org.odtrial.ingest.store.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.StoreException;
import org.odtrial.ingest.validate.FileSummary;
import org.odtrial.ingest.validate.FindingReport;
import org.odtrial.ingest.validate.FindingRows;
import org.odtrial.ingest.validate.RuleCount;

/**
 * The findings stored with one load, read from the store as they are streamed (valid while the
 * store is open). Loads stored before the store kept rule counts have none.
 */
public final class StoredFindings implements FindingReport {
  private final Connection connection;
  private final int load;
  private final long errors;
  private final long warnings;
  private final List<RuleCount> ruleCounts;
  private final SortedSet<String> sites;

  public StoredFindings(Connection connection, int load) throws SQLException {
    this.connection = connection;
    this.load = load;
    this.errors =
        Sql.queryLong(
            connection,
            "SELECT count(*) FROM load_findings WHERE load = ? AND severity = 'error'",
            load);
    this.warnings =
        Sql.queryLong(connection, "SELECT count(*) FROM load_findings WHERE load = ?", load)
            - errors;
    List<RuleCount> counts = new ArrayList<>();
    SortedSet<String> seen = new TreeSet<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT file, rule, site, rows_checked, rows_failed, findings FROM load_rule_counts"
                + " WHERE load = ?")) {
      ps.setInt(1, load);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long checked = rs.getLong(4);
          if (rs.wasNull()) {
            checked = -1;
          }
          counts.add(
              new RuleCount(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  checked,
                  rs.getLong(5),
                  rs.getLong(6)));
          if (rs.getString(3) != null) {
            seen.add(rs.getString(3));
          }
        }
      }
    }
    counts.sort(RuleCountOrder.INSTANCE);
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT DISTINCT site FROM load_findings WHERE load = ? AND site IS NOT NULL")) {
      ps.setInt(1, load);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          seen.add(rs.getString(1));
        }
      }
    }
    this.ruleCounts = List.copyOf(counts);
    this.sites = Collections.unmodifiableSortedSet(seen);
  }

  @Override
  public long errors() {
    return errors;
  }

  @Override
  public long warnings() {
    return warnings;
  }

  @Override
  public Map<TrialFile, FileSummary> files() {
    return Map.of();
  }

  @Override
  public List<RuleCount> ruleCounts() {
    return ruleCounts;
  }

  @Override
  public SortedSet<String> sites() {
    return sites;
  }

  @Override
  public void forEach(String site, FindingConsumer consumer) throws IOException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT "
                + FindingRows.COLUMNS
                + " FROM load_findings WHERE load = ?"
                + FindingRows.siteCondition(site)
                + " ORDER BY seq")) {
      ps.setInt(1, load);
      FindingRows.bindSite(ps, 2, site);
      try (ResultSet rs = ps.executeQuery()) {
        FindingRows.stream(rs, consumer);
      }
    } catch (SQLException e) {
      throw new StoreException(
          "cannot read the findings of load " + load + ": " + e.getMessage(), e);
    }
  }

  /** Rule counts in file (contract), rule (enum) and site order, no site last. */
  enum RuleCountOrder implements java.util.Comparator<RuleCount> {
    INSTANCE;

    @Override
    public int compare(RuleCount a, RuleCount b) {
      int c = Integer.compare(fileOrder(a.file()), fileOrder(b.file()));
      if (c == 0) {
        c = Integer.compare(ruleOrder(a.rule()), ruleOrder(b.rule()));
      }
      if (c == 0) {
        c = a.rule().compareTo(b.rule());
      }
      if (c == 0) {
        c =
            java.util.Comparator.nullsLast(java.util.Comparator.<String>naturalOrder())
                .compare(a.site(), b.site());
      }
      return c;
    }

    private static int fileOrder(String name) {
      for (TrialFile f : TrialFile.values()) {
        if (f.fileName().equals(name)) {
          return f.ordinal();
        }
      }
      return Integer.MAX_VALUE;
    }

    private static int ruleOrder(String id) {
      org.odtrial.ingest.validate.Rule r = org.odtrial.ingest.validate.Rule.byId(id);
      return r == null ? Integer.MAX_VALUE : r.ordinal();
    }
  }
}
