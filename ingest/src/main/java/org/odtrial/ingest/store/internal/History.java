package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.odtrial.ingest.store.HistoryEvent;

/** The store's history of events: recording one (sealed), and the lock state it implies. */
public final class History {
  public static final String LOCKED = "locked";
  public static final String UNLOCKED = "unlocked";

  private History() {}

  /** Records and seals an event inside the open write transaction; returns its seq. */
  public static long record(Connection c, String event, Instant at, String user, String detail)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            // numbered max + 1 under the write lock, on SQLite and PostgreSQL alike: no gaps
            "INSERT INTO main.history (seq, event, at, os_user, detail) SELECT coalesce(max(seq),"
                + " 0) + 1, ?, ?, ?, ? FROM main.history")) {
      ps.setString(1, event);
      ps.setString(2, at.toString());
      ps.setString(3, user);
      ps.setString(4, detail);
      ps.executeUpdate();
    }
    long seq = Sql.queryLong(c, "SELECT max(seq) FROM main.history");
    Seals.sealEvent(c, seq);
    return seq;
  }

  /** The event that locked the trial, if it is locked now (the last lock event is not undone). */
  public static Optional<HistoryEvent> lock(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT seq, event, at, os_user, detail FROM main.history WHERE event IN ('"
                    + LOCKED
                    + "', '"
                    + UNLOCKED
                    + "') ORDER BY seq DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next() || !LOCKED.equals(rs.getString(2))) {
        return Optional.empty();
      }
      return Optional.of(event(rs));
    }
  }

  /** An event from a result set of (seq, event, at, os_user, detail). */
  public static HistoryEvent event(ResultSet rs) throws SQLException {
    return new HistoryEvent(
        rs.getLong(1), rs.getString(2), instant(rs.getString(3)), rs.getString(4), rs.getString(5));
  }

  /** An ISO instant as stored; one that is not (an edit outside odtrial) reads as the epoch. */
  static Instant instant(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException | NullPointerException e) {
      return Instant.EPOCH;
    }
  }
}
