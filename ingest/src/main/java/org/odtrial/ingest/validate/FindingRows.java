package org.odtrial.ingest.validate;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Findings as table rows: the columns the validation's scratch file and the store keep a finding
 * in, and reading them back in order. One definition for both, so a finding reads back the same
 * from either.
 */
public final class FindingRows {
  /** The columns, in the order {@link #stream} reads them. */
  public static final String COLUMNS =
      "severity, file, line, column_name, record, site, rule, message, root_id";

  private FindingRows() {}

  /**
   * The SQL condition for a site filter of {@link FindingReport#forEach}, to append to a WHERE
   * clause with AND (empty for every site); {@link #bindSite} binds its parameter.
   */
  public static String siteCondition(String site) {
    if (site == null) {
      return "";
    }
    return site.equals(FindingReport.NO_SITE) ? " AND site IS NULL" : " AND site = ?";
  }

  /** Binds the site of {@link #siteCondition} (if it has a parameter) at {@code index}. */
  public static void bindSite(PreparedStatement ps, int index, String site) throws SQLException {
    if (site != null && !site.equals(FindingReport.NO_SITE)) {
      ps.setString(index, site);
    }
  }

  /** Passes each row of a result set selecting {@link #COLUMNS} to the consumer, as a finding. */
  public static void stream(ResultSet rs, FindingReport.FindingConsumer consumer)
      throws SQLException, IOException {
    while (rs.next()) {
      consumer.accept(
          new Finding(
              Severity.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
              rs.getString(2),
              rs.getLong(3),
              rs.getString(4),
              rs.getString(5),
              rs.getString(6),
              rs.getString(7),
              rs.getString(8),
              rs.getString(9)));
    }
  }
}
