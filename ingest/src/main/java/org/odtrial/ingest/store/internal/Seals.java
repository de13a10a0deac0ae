package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odtrial.ingest.contract.TrialFile;

/**
 * Writes and recomputes the seal: a hash chain over the loads and the events of a store.
 *
 * <p>A load's digest covers its parts, each the SHA-256 of its rows in a fixed order, encoded by
 * {@link Canonical}: {@code load} (its row of {@code loads}), {@code load_files} (by file), {@code
 * load_findings} (by seq), then per contract file {@code <table> inserted} (the row versions with
 * {@code valid_from} = the load: every stored column but {@code valid_to}, by key) and {@code
 * <table> closed} (the versions with {@code valid_to} = the load: key columns and {@code
 * valid_from}, by key). So every row version is covered twice at most: by the load that inserted it
 * and by the load that closed it. An event's digest covers its row of {@code history} (and, for the
 * blinding key, the key itself). Each link of the chain is the SHA-256 of the previous link, the
 * entry's position, kind, reference and digest.
 *
 * <p>Since schema version 5 each revision of the query history is an entry too (kind {@code
 * revision}): its digest covers its row of {@code query_revisions}, the query versions it wrote
 * ({@code queries inserted}: every column but {@code valid_to}, by query id) and closed ({@code
 * queries closed}: query id and {@code valid_from}), and for a load's revision the query columns of
 * the load's warnings and the load's per-rule counts, which were written with it.
 */
public final class Seals {
  static final String LOAD_DOMAIN = "odtrial seal v1 load";
  static final String EVENT_DOMAIN = "odtrial seal v1 event";
  static final String LINK_DOMAIN = "odtrial seal v1 link";
  static final String REVISION_DOMAIN = "odtrial seal v2 revision";

  public static final String LOAD = "load";
  public static final String EVENT = "event";

  /** An entry for a revision of the query history (schema version 5). */
  public static final String REVISION = "revision";

  /** The event whose digest also covers the blinding key. */
  public static final String BLINDING_KEY_CREATED = "blinding-key-created";

  private static final byte[] NO_LINK = new byte[32];

  private Seals() {}

  /** One part of a load's content: how many rows, and the SHA-256 of their encoding. */
  public record Part(String name, long rows, byte[] digest) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Part p
          && p.name.equals(name)
          && p.rows == rows
          && Arrays.equals(p.digest, digest);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(digest);
    }
  }

  /** Builds a part row by row. */
  static final class PartBuilder {
    final String name;
    final Canonical c = Canonical.sha256();
    long rows;

    PartBuilder(String name) {
      this.name = name;
    }

    Part build() {
      return new Part(name, rows, c.finish());
    }
  }

  /** The names of a load's parts, in digest order. */
  public static List<String> partNames() {
    List<String> names = new ArrayList<>(List.of("load", "load_files", "load_findings"));
    for (TrialFile f : TrialFile.values()) {
      names.add(inserted(f));
      names.add(closed(f));
    }
    return names;
  }

  static String inserted(TrialFile f) {
    return f.tableName() + " inserted";
  }

  static String closed(TrialFile f) {
    return f.tableName() + " closed";
  }

  // ---- writing ---------------------------------------------------------------------------------

  /**
   * Seals load {@code load} inside the open transaction that wrote it; {@code counts} gives per
   * file, where known, how many row versions the load inserted and closed (a part known to be empty
   * needs no query: a first load closes nothing, a file left alone changes nothing).
   */
  public static void sealLoad(Connection c, int load, Map<TrialFile, long[]> counts)
      throws SQLException {
    sealLoad(c, load, counts, Map.of());
  }

  /**
   * As {@link #sealLoad(Connection, int, Map)}, with the parts {@code <table> inserted} that were
   * computed while the load wrote its rows ({@link InsertedPart}): those are not read back.
   */
  static void sealLoad(
      Connection c, int load, Map<TrialFile, long[]> counts, Map<TrialFile, Part> written)
      throws SQLException {
    Map<String, Part> parts = new LinkedHashMap<>(metadataParts(c, load));
    for (TrialFile f : TrialFile.values()) {
      StoredTable t = StoredTable.of(f);
      long[] n = counts.get(f);
      Part known = written.get(f);
      parts.put(
          inserted(f),
          known != null
              ? known
              : n != null && n[0] == 0
                  ? new PartBuilder(inserted(f)).build()
                  : tablePart(c, t, load, true));
      parts.put(
          closed(f),
          n != null && n[1] == 0
              ? new PartBuilder(closed(f)).build()
              : tablePart(c, t, load, false));
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO main.seal_parts (load, part, rows, digest) VALUES (?, ?, ?, ?)")) {
      for (Part p : parts.values()) {
        ps.setInt(1, load);
        ps.setString(2, p.name());
        ps.setLong(3, p.rows());
        ps.setString(4, Canonical.hex(p.digest()));
        ps.executeUpdate();
      }
    }
    append(c, LOAD, load, loadDigest(load, parts));
  }

  /** Seals history event {@code seq} inside the open transaction that recorded it. */
  public static void sealEvent(Connection c, long seq) throws SQLException {
    append(c, EVENT, seq, eventDigest(c, seq));
  }

  private static void append(Connection c, String kind, long ref, byte[] digest)
      throws SQLException {
    long seq = Sql.queryLong(c, "SELECT coalesce(max(seq), 0) + 1 FROM main.seals");
    byte[] prev = NO_LINK;
    if (seq > 1) {
      try (PreparedStatement ps = c.prepareStatement("SELECT link FROM main.seals WHERE seq = ?")) {
        ps.setLong(1, seq - 1);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          prev = Canonical.unhex(rs.getString(1));
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO main.seals (seq, kind, ref, digest, link) VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, seq);
      ps.setString(2, kind);
      ps.setLong(3, ref);
      ps.setString(4, Canonical.hex(digest));
      ps.setString(5, Canonical.hex(link(prev, seq, kind, ref, digest)));
      ps.executeUpdate();
    }
  }

  // ---- digests ---------------------------------------------------------------------------------

  /** A link of the chain. */
  public static byte[] link(byte[] prev, long seq, String kind, long ref, byte[] digest) {
    return Canonical.sha256()
        .text(LINK_DOMAIN)
        .digest(prev == null ? NO_LINK : prev)
        .integer(seq)
        .text(kind)
        .integer(ref)
        .digest(digest)
        .finish();
  }

  /** A load's digest from its parts (every name of {@link #partNames()}). */
  public static byte[] loadDigest(int load, Map<String, Part> parts) {
    Canonical c = Canonical.sha256().text(LOAD_DOMAIN).integer(load);
    for (String name : partNames()) {
      Part p = parts.get(name);
      c.text(name).integer(p.rows()).digest(p.digest());
    }
    return c.finish();
  }

  /** The parts {@code load}, {@code load_files} and {@code load_findings} of a load as stored. */
  public static Map<String, Part> metadataParts(Connection c, int load) throws SQLException {
    Map<String, Part> parts = new LinkedHashMap<>();
    // the site of a site-scoped load (schema version 6) is sealed with its row; a load of the
    // whole trial is encoded as before version 6, so earlier chains keep their links
    // (a store being upgraded through version 3 has no column site yet)
    boolean site =
        Dialect.of(c).columns(c, "loads").contains("site")
            && Sql.queryLong(
                    c, "SELECT count(*) FROM main.loads WHERE load = ? AND site IS NOT NULL", load)
                > 0;
    parts.put(
        "load",
        rowsPart(
            c,
            "load",
            "SELECT load, upload_sha256, loaded_at, os_user, tool_version, contract_version"
                + (site ? ", site" : "")
                + " FROM main.loads WHERE load = ?",
            load));
    parts.put(
        "load_files",
        rowsPart(
            c,
            "load_files",
            "SELECT load, file, sha256, rows, added, changed, removed FROM main.load_files WHERE"
                + " load = ? ORDER BY file",
            load));
    parts.put(
        "load_findings",
        rowsPart(
            c,
            "load_findings",
            "SELECT load, seq, severity, file, line, column_name, record, site, rule, message FROM"
                + " main.load_findings WHERE load = ? ORDER BY seq",
            load));
    return parts;
  }

  private static Part rowsPart(Connection c, String name, String sql, long ref)
      throws SQLException {
    PartBuilder b = new PartBuilder(name);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, ref);
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= n; i++) {
            b.c.value(rs.getObject(i));
          }
          b.rows++;
        }
      }
    }
    return b.build();
  }

  /** The rows a load inserted into (or closed in) one table, read in key order. */
  private static Part tablePart(Connection c, StoredTable t, int load, boolean inserted)
      throws SQLException {
    PartBuilder b = new PartBuilder(inserted ? inserted(t.file()) : closed(t.file()));
    RowCodec codec = RowCodec.of(t);
    String sql =
        codec.select()
            + (inserted ? " WHERE valid_from = ?" : " WHERE valid_to = ?")
            + " ORDER BY "
            + codec.order();
    try (RowPump rows = RowPump.start(c, sql, codec.width(), load)) {
      Object[] row;
      while ((row = rows.next()) != null) {
        if (inserted) {
          codec.encodeInserted(b.c, row);
        } else {
          codec.encodeClosed(b.c, row);
        }
        b.rows++;
      }
    }
    return b.build();
  }

  /** An event's digest: its history row, and for the blinding key's creation the key. */
  public static byte[] eventDigest(Connection c, long seq) throws SQLException {
    Canonical d = Canonical.sha256().text(EVENT_DOMAIN).integer(seq);
    String event = null;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, event, at, os_user, detail FROM main.history WHERE seq = ?")) {
      ps.setLong(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          d.integer(1);
          for (int i = 1; i <= 5; i++) {
            d.value(rs.getObject(i));
          }
          event = rs.getString(2);
        } else {
          d.integer(0);
        }
      }
    }
    if (BLINDING_KEY_CREATED.equals(event)) {
      try (PreparedStatement ps =
              c.prepareStatement("SELECT od_label FROM main.blinding WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        d.value(rs.next() ? rs.getObject(1) : null);
      }
    }
    return d.finish();
  }

  // ---- query revisions (schema version 5) ------------------------------------------------------

  static final String REVISION_PART = "revision";
  static final String QUERIES_INSERTED = "queries inserted";
  static final String QUERIES_CLOSED = "queries closed";
  static final String FINDING_QUERIES = "load_findings queries";
  static final String RULE_COUNTS = "load_rule_counts";

  /** The names of a revision's parts, in digest order. */
  static final List<String> REVISION_PARTS =
      List.of(REVISION_PART, QUERIES_INSERTED, QUERIES_CLOSED, FINDING_QUERIES, RULE_COUNTS);

  /** The table each part of a revision reads. */
  static String revisionPartTable(String part) {
    return switch (part) {
      case REVISION_PART -> "query_revisions";
      case QUERIES_INSERTED, QUERIES_CLOSED -> "queries";
      default -> part.contains(" ") ? part.substring(0, part.indexOf(' ')) : part;
    };
  }

  /**
   * Seals revision {@code revision} of the query history inside the open transaction that wrote it,
   * recording each query version's fingerprint to name it later.
   */
  public static void sealRevision(Connection c, long revision) throws SQLException {
    Map<String, Part> parts = new LinkedHashMap<>(revisionMetadataParts(c, revision));
    QueryCodec codec = new QueryCodec();
    PartBuilder ins = new PartBuilder(QUERIES_INSERTED);
    PartBuilder clo = new PartBuilder(QUERIES_CLOSED);
    // each version's fingerprint, stored once the versions are read (the read is a cursor, and
    // a COPY cannot run on the connection while it is open)
    List<String> ids = new ArrayList<>();
    List<String> fingerprints = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(codec.select() + " WHERE valid_from = ? ORDER BY query_id")) {
      ps.setLong(1, revision);
      try (ResultSet rs = ps.executeQuery()) {
        Object[] row = new Object[QueryCodec.WIDTH];
        while (rs.next()) {
          codec.read(rs, row);
          codec.encodeInserted(ins.c, row);
          ins.rows++;
          ids.add((String) row[0]);
          fingerprints.add(codec.fingerprint(row));
        }
      }
    }
    storeFingerprints(c, revision, ids, fingerprints);
    try (PreparedStatement ps =
        c.prepareStatement(codec.select() + " WHERE valid_to = ? ORDER BY query_id, valid_from")) {
      ps.setLong(1, revision);
      try (ResultSet rs = ps.executeQuery()) {
        Object[] row = new Object[QueryCodec.WIDTH];
        while (rs.next()) {
          codec.read(rs, row);
          codec.encodeClosed(clo.c, row);
          clo.rows++;
        }
      }
    }
    parts.put(QUERIES_INSERTED, ins.build());
    parts.put(QUERIES_CLOSED, clo.build());
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO main.seal_revision_parts (revision, part, rows, digest) VALUES (?, ?, ?,"
                + " ?)")) {
      for (String name : REVISION_PARTS) {
        Part p = parts.get(name);
        ps.setLong(1, revision);
        ps.setString(2, p.name());
        ps.setLong(3, p.rows());
        ps.setString(4, Canonical.hex(p.digest()));
        ps.executeUpdate();
      }
    }
    append(c, REVISION, revision, revisionDigest(revision, parts));
  }

  /** Rows of {@code seal_query_versions}: by COPY where it may be used, else batched INSERTs. */
  private static void storeFingerprints(
      Connection c, long revision, List<String> ids, List<String> fingerprints)
      throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    if (Dialect.of(c).copyInto(c, "main.seal_query_versions")) {
      CopyRows out =
          new CopyRows(
              c, "COPY main.seal_query_versions (query_id, valid_from, digest) FROM STDIN");
      try {
        for (int i = 0; i < ids.size(); i++) {
          out.text(ids.get(i)).integer(revision).text(fingerprints.get(i)).endRow();
        }
        out.end();
      } catch (SQLException | RuntimeException e) {
        out.cancel();
        throw e;
      }
      return;
    }
    try (PreparedStatement fp =
        c.prepareStatement(
            "INSERT INTO main.seal_query_versions (query_id, valid_from, digest) VALUES (?, ?,"
                + " ?)")) {
      for (int i = 0; i < ids.size(); i++) {
        fp.setString(1, ids.get(i));
        fp.setLong(2, revision);
        fp.setString(3, fingerprints.get(i));
        fp.addBatch();
        if ((i + 1) % 2048 == 0) {
          fp.executeBatch();
        }
      }
      fp.executeBatch();
    }
  }

  /** A revision's digest from its parts (every name of {@link #REVISION_PARTS}). */
  static byte[] revisionDigest(long revision, Map<String, Part> parts) {
    Canonical c = Canonical.sha256().text(REVISION_DOMAIN).integer(revision);
    for (String name : REVISION_PARTS) {
      Part p = parts.get(name);
      c.text(name).integer(p.rows()).digest(p.digest());
    }
    return c.finish();
  }

  /**
   * The parts of a revision other than the query versions: its row of {@code query_revisions}, and
   * for a load's revision the load's warnings' {@code query_id} and {@code root_id} (by seq) and
   * its per-rule counts.
   */
  static Map<String, Part> revisionMetadataParts(Connection c, long revision) throws SQLException {
    Map<String, Part> parts = new LinkedHashMap<>();
    parts.put(
        REVISION_PART,
        rowsPart(
            c,
            REVISION_PART,
            "SELECT revision, load, at, os_user, action, detail FROM main.query_revisions WHERE"
                + " revision = ?",
            revision));
    Long load = null;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT load FROM main.query_revisions WHERE revision = ? AND action = 'load'")) {
      ps.setLong(1, revision);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          load = rs.getLong(1);
        }
      }
    }
    if (load == null) {
      parts.put(FINDING_QUERIES, new PartBuilder(FINDING_QUERIES).build());
      parts.put(RULE_COUNTS, new PartBuilder(RULE_COUNTS).build());
    } else {
      parts.put(
          FINDING_QUERIES,
          rowsPart(
              c,
              FINDING_QUERIES,
              "SELECT seq, query_id, root_id FROM main.load_findings WHERE load = ? ORDER BY seq",
              load));
      // NULL sites first in SQLite and PostgreSQL alike
      parts.put(
          RULE_COUNTS,
          rowsPart(
              c,
              RULE_COUNTS,
              "SELECT file, rule, site, rows_checked, rows_failed, findings FROM"
                  + " main.load_rule_counts WHERE load = ? ORDER BY file, rule, CASE WHEN site IS"
                  + " NULL THEN 0 ELSE 1 END, site, rows_checked, rows_failed, findings",
              load));
    }
    return parts;
  }

  /** How the versions of {@code queries} are read and encoded for the seal. */
  static final class QueryCodec {
    /** query_id ... note, valid_from, valid_to. */
    static final int WIDTH = 12;

    private final Canonical one = Canonical.sha256();

    String select() {
      return "SELECT query_id, file, record, column_name, rule, site, root_id, status, message,"
          + " note, valid_from, valid_to FROM main.queries";
    }

    void read(ResultSet rs, Object[] row) throws SQLException {
      for (int i = 0; i < row.length; i++) {
        row[i] = rs.getObject(i + 1);
      }
    }

    /** Every column but valid_to. */
    void encodeInserted(Canonical c, Object[] row) {
      for (int i = 0; i < WIDTH - 1; i++) {
        c.value(row[i]);
      }
    }

    /** The query id and valid_from. */
    void encodeClosed(Canonical c, Object[] row) {
      c.value(row[0]);
      c.value(row[WIDTH - 2]);
    }

    /** The first 16 bytes of the SHA-256 of the version's inserted encoding, in hex. */
    String fingerprint(Object[] row) {
      encodeInserted(one, row);
      return Canonical.hex(Arrays.copyOf(one.finish(), 16));
    }
  }

  /** How the rows of one table are read and encoded for the seal. */
  static final class RowCodec {
    private final StoredTable table;
    private final int data;
    private final int[] keys;

    private RowCodec(StoredTable table) {
      this.table = table;
      this.data = table.dataColumns().size();
      this.keys =
          table.keyColumns().stream().mapToInt(k -> table.dataColumns().indexOf(k)).toArray();
    }

    static RowCodec of(StoredTable table) {
      return new RowCodec(table);
    }

    StoredTable table() {
      return table;
    }

    /** Data columns, row_hash, valid_from, valid_to. */
    int width() {
      return data + 3;
    }

    String select() {
      return "SELECT "
          + table.dataColumnList()
          + ", "
          + StoredTable.ROW_HASH
          + ", "
          + StoredTable.VALID_FROM
          + ", "
          + StoredTable.VALID_TO
          + " FROM main."
          + table.name();
    }

    String order() {
      return String.join(", ", table.keyColumns()) + ", " + StoredTable.VALID_FROM;
    }

    Object validFrom(Object[] row) {
      return row[data + 1];
    }

    Object validTo(Object[] row) {
      return row[data + 2];
    }

    Object rowHash(Object[] row) {
      return row[data];
    }

    /** Every column but valid_to. */
    void encodeInserted(Canonical c, Object[] row) {
      for (int i = 0; i <= data + 1; i++) {
        c.value(row[i]);
      }
    }

    /** The key columns and valid_from. */
    void encodeClosed(Canonical c, Object[] row) {
      for (int k : keys) {
        c.value(row[k]);
      }
      c.value(row[data + 1]);
    }

    /** The key as text, for messages: key values joined by " + ". */
    String key(Object[] row) {
      StringBuilder b = new StringBuilder();
      for (int k : keys) {
        if (b.length() > 0) {
          b.append(" + ");
        }
        b.append(row[k]);
      }
      return b.toString();
    }

    /**
     * The record's values as uploaded (what {@link StoredTable#read} gives), or null if unreadable.
     */
    String[] uploaded(Object[] row) {
      var columns = table.file().columns();
      String[] values = new String[columns.size()];
      int at = 0;
      for (int i = 0; i < values.length; i++) {
        switch (columns.get(i).type()) {
          case INTEGER -> {
            Object text = row[at + 1];
            Object typed = row[at];
            if (text != null) {
              values[i] = text.toString();
            } else if (typed instanceof Number n && !(typed instanceof Double)) {
              values[i] = ValueCodec.integerText(n.longValue());
            } else {
              values[i] = typed == null ? null : typed.toString();
            }
            at += 2;
          }
          case DECIMAL -> {
            values[i] = row[at + 1] == null ? null : row[at + 1].toString();
            at += 2;
          }
          default -> {
            values[i] = row[at] == null ? null : row[at].toString();
            at++;
          }
        }
      }
      return values;
    }
  }
}
