package org.odtrial.ingest.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.store.Verification;
import org.odtrial.ingest.store.Verification.Problem;

/**
 * Recomputes the seal of a store from its content and compares it, link by link. Each record table
 * is read once, in key order, feeding every load's inserted and closed parts at once, so the cost
 * is one ordered read of the store. Each row's {@code row_hash} is recomputed too, which names the
 * record when values were edited without recomputing it.
 */
public final class Verifier {
  private static final long UNSEALED = Long.MAX_VALUE;

  private final Connection c;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<TrialFile, Map<Integer, Seals.PartBuilder>> inserted =
      new EnumMap<>(TrialFile.class);
  private final Map<TrialFile, Map<Integer, Seals.PartBuilder>> closed =
      new EnumMap<>(TrialFile.class);

  /** Per table and load, the first record whose values do not match its row_hash. */
  private final Map<String, String> badRowHash = new HashMap<>();

  /** Per revision of the query history, the versions it inserted and closed. */
  private final Map<Long, Seals.PartBuilder> queriesInserted = new HashMap<>();

  private final Map<Long, Seals.PartBuilder> queriesClosed = new HashMap<>();

  /** Per revision, the first query whose version no longer matches its fingerprint. */
  private final Map<Long, String> badQueryVersion = new HashMap<>();

  /** Per revision, the first query whose versions no longer follow one another. */
  private final Map<Long, String> badQueryChain = new HashMap<>();

  /** The load whose records are handed to {@link #reader} as the tables are scanned, or 0. */
  private final int readLoad;

  private final Function<TrialFile, Consumer<String[]>> reader;

  /** What the reader threw first; the scan goes on verifying without it. */
  private RuntimeException readFailure;

  private Verifier(Connection c, int readLoad, Function<TrialFile, Consumer<String[]>> reader) {
    this.c = c;
    this.readLoad = readLoad;
    this.reader = reader;
  }

  /** Verifies the store on {@code c} (schema already checked). */
  public static Verification verify(Connection c) throws SQLException {
    return new Verifier(c, 0, null).run();
  }

  /**
   * Verifies the store on {@code c} and, in the same ordered pass over the record tables, hands the
   * records of load {@code load} to {@code reader}, on the calling thread: {@code
   * reader.apply(file)} is called for each file in {@link TrialFile} order, and each file's records
   * come in key order, each as its values exactly as uploaded, as {@code TrialStore.read} gives
   * them. Clusters' and participants' records all come before the later files' consumers are asked
   * for; the records of admissions, outcomes and network meetings may then come interleaved (their
   * tables are read at once, see {@link TableScans}), so their consumers must not depend on one
   * another. If several consumers throw, the failure is the first of the earliest file, as if the
   * files had come one after the other. Nothing is read twice. The records are handed over before
   * the verdict is known: the caller must not use what it built from them unless the verification
   * allows it. If the reader throws, no further records are handed to it, the verification still
   * runs to the end, and the exception is in {@link Read#failure()}.
   */
  public static Read verifyReading(
      Connection c, int load, Function<TrialFile, Consumer<String[]>> reader) throws SQLException {
    Verifier v = new Verifier(c, load, reader);
    Verification verification = v.run();
    return new Read(verification, v.readFailure);
  }

  /**
   * @param verification the store's verification
   * @param failure what the reader threw, or null
   */
  public record Read(Verification verification, RuntimeException failure) {}

  private record SealRow(long seq, String kind, long ref, String digest, String link) {}

  private Verification run() throws SQLException {
    Set<Integer> loads = new TreeSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT load FROM main.loads");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        loads.add(rs.getInt(1));
      }
    }
    Set<Long> events = new TreeSet<>();
    Map<Long, String> eventNames = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, event FROM main.history");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        events.add(rs.getLong(1));
        eventNames.put(rs.getLong(1), rs.getString(2));
      }
    }
    List<SealRow> seals = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT seq, kind, ref, digest, link FROM main.seals ORDER BY seq");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        seals.add(
            new SealRow(
                rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
      }
    }
    scanTables(loads);
    Map<Long, String> revisions = new java.util.TreeMap<>();
    Map<Long, Integer> loadOfRevision = new HashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT revision, action, load FROM main.query_revisions");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        revisions.put(rs.getLong(1), rs.getString(2));
        if ("load".equals(rs.getString(2))) {
          loadOfRevision.put(rs.getLong(1), rs.getInt(3));
        }
      }
    }
    scanQueries(revisions.keySet());
    Set<Long> sealedRevisions = new HashSet<>();

    byte[] prev = null;
    long expected = 1;
    Set<Integer> sealedLoads = new HashSet<>();
    Map<Integer, Long> loadPosition = new HashMap<>();
    Set<Long> sealedEvents = new HashSet<>();
    long blindingKeyAt = 0;
    int lastLoad = 0;
    List<String> links = new ArrayList<>();
    for (SealRow s : seals) {
      long at = s.seq();
      links.add(s.link());
      if (s.seq() != expected) {
        add(
            expected,
            null,
            "seals",
            null,
            fmt(
                "the chain goes from entry %d to entry %d: entries were deleted",
                expected - 1, s.seq()));
      }
      expected = s.seq() + 1;
      byte[] digest;
      if (Seals.LOAD.equals(s.kind())) {
        int load = (int) s.ref();
        sealedLoads.add(load);
        loadPosition.putIfAbsent(load, at);
        if (load != lastLoad + 1) {
          add(at, load, "seals", null, fmt("load %d follows load %d in the chain", load, lastLoad));
        }
        lastLoad = load;
        Map<String, Seals.Part> parts = parts(load);
        digest = Seals.loadDigest(load, parts);
        if (!Canonical.hex(digest).equals(s.digest())) {
          describeLoad(at, load, parts, loads.contains(load));
        }
      } else if (Seals.EVENT.equals(s.kind())) {
        sealedEvents.add(s.ref());
        digest = Seals.eventDigest(c, s.ref());
        if (Seals.BLINDING_KEY_CREATED.equals(eventNames.get(s.ref()))) {
          blindingKeyAt = at;
        }
        if (!Canonical.hex(digest).equals(s.digest())) {
          add(at, null, "history", null, describeEvent(s.ref(), eventNames.get(s.ref())));
        }
      } else if (Seals.REVISION.equals(s.kind())) {
        sealedRevisions.add(s.ref());
        Map<String, Seals.Part> parts = revisionParts(s.ref());
        digest = Seals.revisionDigest(s.ref(), parts);
        if (!Canonical.hex(digest).equals(s.digest())) {
          describeRevision(at, s.ref(), parts, revisions.get(s.ref()));
        }
      } else {
        add(at, null, "seals", null, "entry " + at + " is of an unknown kind");
        continue;
      }
      byte[] stored;
      try {
        stored = Canonical.unhex(s.digest());
      } catch (IllegalArgumentException e) {
        stored = new byte[0];
      }
      String link = Canonical.hex(Seals.link(prev, s.seq(), s.kind(), s.ref(), stored));
      if (!link.equals(s.link())) {
        add(
            at,
            null,
            "seals",
            null,
            fmt(
                "the link of entry %d does not follow from the entry before it: the seals were"
                    + " edited",
                at));
      }
      try {
        prev = Canonical.unhex(s.link());
      } catch (IllegalArgumentException e) {
        prev = new byte[32];
      }
    }
    // values that no longer match their row hash, also where the seal was recomputed to match them
    for (Map.Entry<String, String> e : badRowHash.entrySet()) {
      String table = e.getKey().substring(0, e.getKey().indexOf('|'));
      int load = Integer.parseInt(e.getKey().substring(e.getKey().indexOf('|') + 1));
      boolean named =
          problems.stream()
              .anyMatch(p -> e.getValue().equals(p.record()) && table.equals(p.table()));
      if (!named) {
        add(
            loadPosition.getOrDefault(load, UNSEALED),
            load,
            table,
            e.getValue(),
            fmt(
                "load %d: record %s of table %s no longer matches its row hash: its values were"
                    + " changed outside odtrial",
                load, e.getValue(), table));
      }
    }
    for (int load : loads) {
      if (!sealedLoads.contains(load)) {
        add(
            UNSEALED,
            load,
            "loads",
            null,
            fmt(
                "load %d has no seal: it was added outside odtrial, or its seal was deleted",
                load));
      }
    }
    for (long e : events) {
      if (!sealedEvents.contains(e)) {
        add(
            UNSEALED,
            null,
            "history",
            null,
            fmt(
                "history event %d (%s) has no seal: it was added outside odtrial, or its seal was"
                    + " deleted",
                e, eventNames.get(e)));
      }
    }
    for (Map.Entry<Long, String> r : revisions.entrySet()) {
      if (!sealedRevisions.contains(r.getKey())) {
        problems.add(
            new Problem(
                UNSEALED,
                null,
                "query_revisions",
                null,
                fmt(
                    "query revision %d (%s) has no seal: it was added outside odtrial, or its seal"
                        + " was deleted",
                    r.getKey(), r.getValue()),
                r.getKey()));
      }
    }
    uncoveredQueryColumns(sealedRevisions, loadOfRevision);
    if (blindingKeyAt == 0 && Sql.queryLong(c, "SELECT count(*) FROM main.blinding") > 0) {
      add(
          UNSEALED,
          null,
          "blinding",
          null,
          "the store has a blinding key but no sealed event created it: it was written outside"
              + " odtrial");
    }
    problems.sort(Comparator.comparingLong(Problem::position));
    String head = links.isEmpty() ? null : links.get(links.size() - 1);
    return new Verification(
        seals.size(),
        loads.size(),
        events.size(),
        revisions.size(),
        head,
        links,
        loadPosition,
        blindingKeyAt,
        problems);
  }

  /**
   * Reads every record table into every load's inserted and closed parts, handing the analysed
   * load's records to the reader. Clusters and participants are read first, on this thread; on a
   * SQLite store file outside a transaction the three large tables (admissions, outcomes, network
   * meetings) are then read at once, each on its own connection and thread (see {@link
   * TableScans}), since only the derivation needs an order between files and it needs none among
   * these three. Otherwise (PostgreSQL, whose read is one snapshot on one connection) they are read
   * one after the other. Either way each table is scanned and hashed exactly as alone, and what it
   * found is merged in file order, so the verification is the same.
   */
  private void scanTables(Set<Integer> loads) throws SQLException {
    List<TableScan> scans = new ArrayList<>();
    for (TrialFile f : TrialFile.values()) {
      scans.add(new TableScan(f));
    }
    TableScans parallel = TableScans.open(c, PARALLEL);
    try {
      for (TableScan s : scans) {
        if (parallel != null && PARALLEL.contains(s.f)) {
          continue;
        }
        s.sink = consumer(s.f);
        s.run(c, loads);
        if (s.failure != null && readFailure == null) {
          readFailure = s.failure;
        }
      }
      if (parallel != null) {
        List<TableScan> later = scans.stream().filter(s -> PARALLEL.contains(s.f)).toList();
        Map<TrialFile, Consumer<String[]>> consumers = new EnumMap<>(TrialFile.class);
        for (TableScan s : later) {
          Consumer<String[]> read = consumer(s.f);
          if (read != null) {
            consumers.put(s.f, read);
          }
        }
        RuntimeException failed = parallel.run(later, loads, consumers);
        if (failed != null && readFailure == null) {
          readFailure = failed;
        }
      }
    } finally {
      if (parallel != null) {
        parallel.close();
      }
    }
    for (TableScan s : scans) {
      inserted.put(s.f, s.ins);
      closed.put(s.f, s.clo);
      badRowHash.putAll(s.bad);
      problems.addAll(s.found);
    }
  }

  /** The tables {@link TableScans} reads at once on SQLite. */
  static final Set<TrialFile> PARALLEL =
      java.util.EnumSet.of(TrialFile.ADMISSIONS, TrialFile.OUTCOMES, TrialFile.NETWORK_MEETINGS);

  /**
   * The reader's consumer of {@code f}'s records, or null when there is no reader or it failed;
   * what {@code reader.apply} throws is the read's failure.
   */
  private Consumer<String[]> consumer(TrialFile f) {
    if (reader == null || readFailure != null) {
      return null;
    }
    try {
      return reader.apply(f);
    } catch (RuntimeException e) {
      readFailure = e;
      return null;
    }
  }

  /**
   * One table read in key order into every load's inserted and closed parts, the first record per
   * load whose values no longer match its row hash, and the records with impossible loads; the
   * analysed load's records go to {@link #sink} as they come. It keeps all it finds to itself, so
   * scans of different tables can run on different threads.
   */
  final class TableScan {
    final TrialFile f;
    final Map<Integer, Seals.PartBuilder> ins = new HashMap<>();
    final Map<Integer, Seals.PartBuilder> clo = new HashMap<>();

    /** Per table and load, the first record whose values do not match its row_hash. */
    final Map<String, String> bad = new LinkedHashMap<>();

    final List<Problem> found = new ArrayList<>();

    /** Where the analysed load's records go, or null. */
    Consumer<String[]> sink;

    /** What the sink threw first; no further records go to it. */
    RuntimeException failure;

    TableScan(TrialFile f) {
      this.f = f;
    }

    void run(Connection conn, Set<Integer> loads) throws SQLException {
      Seals.RowCodec codec = Seals.RowCodec.of(StoredTable.of(f));
      RecordHasher hasher = new RecordHasher();
      Set<Integer> reportedOrphans = new HashSet<>();
      try (RowPump rows =
          RowPump.start(conn, codec.select() + " ORDER BY " + codec.order(), codec.width())) {
        Object[] row;
        // the inserted part and bad-row key of the last row's load (rows come by key, then load)
        int keyLoad = -1;
        String key = null;
        Seals.PartBuilder part = null;
        while ((row = rows.next()) != null) {
          Integer from = asLoad(codec.validFrom(row));
          Integer to = codec.validTo(row) == null ? null : asLoad(codec.validTo(row));
          boolean wanted =
              sink != null
                  && from != null
                  && from <= readLoad
                  && (codec.validTo(row) == null || (to != null && to > readLoad));
          String[] uploaded = wanted ? codec.uploaded(row) : null;
          if (from == null || !loads.contains(from)) {
            orphan(f, codec, row, from, "valid_from", reportedOrphans, found);
          }
          if (codec.validTo(row) != null
              && (to == null || !loads.contains(to) || (from != null && to <= from))) {
            orphan(f, codec, row, to, "valid_to", reportedOrphans, found);
          }
          if (from != null) {
            if (from != keyLoad) {
              keyLoad = from;
              key = f.tableName() + "|" + from;
              part = ins.computeIfAbsent(from, k -> new Seals.PartBuilder(Seals.inserted(f)));
            }
            codec.encodeInserted(part.c, row);
            part.rows++;
            if (!bad.containsKey(key)
                && !(codec.rowHash(row) instanceof byte[] h
                    && Arrays.equals(
                        h, hasher.hash(uploaded != null ? uploaded : codec.uploaded(row))))) {
              bad.put(key, codec.key(row));
            }
          }
          if (wanted) {
            try {
              sink.accept(uploaded);
            } catch (RuntimeException e) {
              failure = e;
              sink = null;
            }
          }
          if (to != null) {
            Seals.PartBuilder b =
                clo.computeIfAbsent(to, k -> new Seals.PartBuilder(Seals.closed(f)));
            codec.encodeClosed(b.c, row);
            b.rows++;
          }
        }
      }
    }
  }

  /**
   * Reads the query versions once, by query and revision, into every revision's inserted and closed
   * parts; alongside, in the same order, the fingerprints recorded when each version was sealed, to
   * name a query whose version was changed, added or deleted; and checks that each query's versions
   * follow one another (each closed by the revision that wrote the next).
   */
  private void scanQueries(Set<Long> revisions) throws SQLException {
    Seals.QueryCodec codec = new Seals.QueryCodec();
    Set<String> reported = new HashSet<>();
    try (PreparedStatement ps =
            c.prepareStatement(codec.select() + " ORDER BY query_id, valid_from");
        ResultSet rs = ps.executeQuery();
        PreparedStatement fps =
            c.prepareStatement(
                "SELECT query_id, valid_from, digest FROM main.seal_query_versions ORDER BY"
                    + " query_id, valid_from");
        ResultSet fp = fps.executeQuery()) {
      boolean fpMore = fp.next();
      Object[] row = new Object[Seals.QueryCodec.WIDTH];
      String prevId = null;
      Long prevTo = null;
      while (rs.next()) {
        codec.read(rs, row);
        String id = String.valueOf(row[0]);
        Long from = asRevision(row[Seals.QueryCodec.WIDTH - 2]);
        Long to = asRevision(row[Seals.QueryCodec.WIDTH - 1]);
        boolean toGiven = row[Seals.QueryCodec.WIDTH - 1] != null;
        if (from == null || !revisions.contains(from)) {
          queryOrphan(id, from, "valid_from", reported);
        }
        if (toGiven && (to == null || !revisions.contains(to) || (from != null && to <= from))) {
          queryOrphan(id, to, "valid_to", reported);
        }
        // versions of one query follow one another; the last is current
        if (id.equals(prevId)) {
          if (!java.util.Objects.equals(prevTo, from)) {
            badQueryChain.putIfAbsent(prevTo != null ? prevTo : from, id);
            if (from != null) {
              badQueryChain.putIfAbsent(from, id);
            }
          }
        } else if (prevId != null && prevTo != null) {
          badQueryChain.putIfAbsent(prevTo, prevId);
        }
        // the fingerprints before this version belong to versions that were deleted
        while (fpMore && compare(fp.getString(1), fp.getLong(2), id, from) < 0) {
          badQueryVersion.putIfAbsent(fp.getLong(2), fp.getString(1));
          fpMore = fp.next();
        }
        if (from != null) {
          if (fpMore && compare(fp.getString(1), fp.getLong(2), id, from) == 0) {
            if (!codec.fingerprint(row).equals(fp.getString(3))) {
              badQueryVersion.putIfAbsent(from, id);
            }
            fpMore = fp.next();
          } else {
            badQueryVersion.putIfAbsent(from, id); // a version no seal saw written
          }
          Seals.PartBuilder b =
              queriesInserted.computeIfAbsent(
                  from, k -> new Seals.PartBuilder(Seals.QUERIES_INSERTED));
          codec.encodeInserted(b.c, row);
          b.rows++;
        }
        if (to != null) {
          Seals.PartBuilder b =
              queriesClosed.computeIfAbsent(to, k -> new Seals.PartBuilder(Seals.QUERIES_CLOSED));
          codec.encodeClosed(b.c, row);
          b.rows++;
        }
        prevId = id;
        prevTo = toGiven ? (to == null ? Long.MIN_VALUE : to) : null;
      }
      if (prevId != null && prevTo != null) {
        badQueryChain.putIfAbsent(prevTo, prevId);
      }
      while (fpMore) {
        badQueryVersion.putIfAbsent(fp.getLong(2), fp.getString(1));
        fpMore = fp.next();
      }
    }
  }

  private static int compare(String id1, long from1, String id2, Long from2) {
    int byId = id1.compareTo(id2);
    return byId != 0 ? byId : Long.compare(from1, from2 == null ? Long.MAX_VALUE : from2);
  }

  private void queryOrphan(String id, Long revision, String column, Set<String> seen) {
    if (!seen.add(column + "|" + revision)) {
      return; // one problem per revision and column is enough
    }
    problems.add(
        new Problem(
            UNSEALED,
            null,
            "queries",
            id,
            fmt(
                "query %s has %s %s, which is not a revision of the query history (or not after"
                    + " its valid_from): it was written outside odtrial",
                id, column, revision == null ? "that is not a revision number" : revision),
            revision));
  }

  private static Long asRevision(Object v) {
    return v instanceof Integer i ? Long.valueOf(i) : v instanceof Long l ? l : null;
  }

  private Map<String, Seals.Part> revisionParts(long revision) throws SQLException {
    Map<String, Seals.Part> parts = new LinkedHashMap<>(Seals.revisionMetadataParts(c, revision));
    Seals.PartBuilder i = queriesInserted.get(revision);
    Seals.PartBuilder d = queriesClosed.get(revision);
    parts.put(
        Seals.QUERIES_INSERTED,
        (i == null ? new Seals.PartBuilder(Seals.QUERIES_INSERTED) : i).build());
    parts.put(
        Seals.QUERIES_CLOSED,
        (d == null ? new Seals.PartBuilder(Seals.QUERIES_CLOSED) : d).build());
    return parts;
  }

  /** Names what changed in a revision of the query history that no longer matches its seal. */
  private void describeRevision(
      long at, long revision, Map<String, Seals.Part> parts, String action) throws SQLException {
    Map<String, Long> sealedRows = new HashMap<>();
    Map<String, String> sealedDigest = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT part, rows, digest FROM main.seal_revision_parts WHERE revision = ?")) {
      ps.setLong(1, revision);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sealedRows.put(rs.getString(1), rs.getLong(2));
          sealedDigest.put(rs.getString(1), rs.getString(3));
        }
      }
    }
    Integer load = null;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT load FROM main.query_revisions WHERE revision = ?")) {
      ps.setLong(1, revision);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          load = rs.getInt(1);
        }
      }
    }
    String which =
        action == null
            ? fmt("query revision %d", revision)
            : fmt("query revision %d (%s)", revision, action);
    boolean named = false;
    if (action == null) {
      named = true;
      problems.add(
          new Problem(
              at,
              null,
              "query_revisions",
              null,
              fmt("%s is sealed but its row in query_revisions was deleted", which),
              revision));
    }
    for (String name : Seals.REVISION_PARTS) {
      Seals.Part p = parts.get(name);
      String sealed = sealedDigest.get(name);
      if (sealed == null || sealed.equals(Canonical.hex(p.digest()))) {
        continue;
      }
      named = true;
      long was = sealedRows.get(name);
      String rows =
          p.rows() == was
              ? "the same number of rows (" + p.rows() + ") but other values"
              : fmt(
                  "%d rows where the seal has %d (%s)",
                  p.rows(), was, p.rows() < was ? "rows were deleted" : "rows were added");
      String query =
          switch (name) {
            case Seals.QUERIES_INSERTED -> badQueryVersion.get(revision);
            case Seals.QUERIES_CLOSED -> badQueryChain.get(revision);
            default -> null;
          };
      String what =
          switch (name) {
            case Seals.REVISION_PART ->
                "its row in table query_revisions (load, time, user, action, detail) was changed";
            case Seals.QUERIES_INSERTED ->
                "the query versions it wrote in table queries (status, answer, message) no longer"
                    + " match the seal: "
                    + rows;
            case Seals.QUERIES_CLOSED ->
                "which query versions it replaced in table queries (valid_to) no longer match the"
                    + " seal: "
                    + rows;
            case Seals.FINDING_QUERIES ->
                "the query ids of its load's warnings in table load_findings no longer match the"
                    + " seal: "
                    + rows;
            default ->
                "its load's per-rule counts in table load_rule_counts no longer match the seal: "
                    + rows;
          };
      boolean ofLoad = name.equals(Seals.FINDING_QUERIES) || name.equals(Seals.RULE_COUNTS);
      problems.add(
          new Problem(
              at,
              ofLoad ? load : null,
              Seals.revisionPartTable(name),
              query,
              fmt("%s: %s", which, what) + (query == null ? "" : "; first query: " + query),
              revision));
    }
    if (!named) {
      problems.add(
          new Problem(
              at,
              null,
              "seals",
              null,
              fmt(
                  "%s no longer matches its seal (the seal or seal_revision_parts were edited)",
                  which),
              revision));
    }
  }

  /**
   * The query columns of load_findings and the per-rule counts are sealed with their load's
   * revision; a load without one (stored before version 4) must have none.
   */
  private void uncoveredQueryColumns(Set<Long> sealedRevisions, Map<Long, Integer> loadOfRevision)
      throws SQLException {
    Set<Integer> covered = new HashSet<>();
    loadOfRevision.forEach(
        (r, l) -> {
          if (sealedRevisions.contains(r)) {
            covered.add(l);
          }
        });
    for (String[] t :
        new String[][] {
          {
            "load_findings",
            "SELECT DISTINCT load FROM main.load_findings WHERE query_id IS NOT NULL OR root_id IS"
                + " NOT NULL",
            "query ids"
          },
          {"load_rule_counts", "SELECT DISTINCT load FROM main.load_rule_counts", "per-rule counts"}
        }) {
      try (PreparedStatement ps = c.prepareStatement(t[1]);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int load = rs.getInt(1);
          if (!covered.contains(load)) {
            add(
                UNSEALED,
                load,
                t[0],
                null,
                fmt(
                    "load %d has %s in table %s but no sealed revision of the query history"
                        + " wrote them: they were written outside odtrial",
                    load, t[2], t[0]));
          }
        }
      }
    }
  }

  private static void orphan(
      TrialFile f,
      Seals.RowCodec codec,
      Object[] row,
      Integer load,
      String column,
      Set<Integer> seen,
      List<Problem> to) {
    int k = load == null ? Integer.MIN_VALUE : load;
    if (!seen.add(k * 2 + (column.equals("valid_from") ? 0 : 1))) {
      return; // one problem per table, load and column is enough
    }
    to.add(
        new Problem(
            UNSEALED,
            load,
            f.tableName(),
            codec.key(row),
            fmt(
                "record %s has %s %s, which is not a load of this store (or not after its"
                    + " valid_from): it was written outside odtrial",
                codec.key(row),
                column,
                load == null ? "that is not a load number" : load.toString())));
  }

  private static Integer asLoad(Object v) {
    return v instanceof Integer i
        ? i
        : v instanceof Long l && l == l.intValue() ? (int) (long) l : null;
  }

  private Map<String, Seals.Part> parts(int load) throws SQLException {
    Map<String, Seals.Part> parts = new LinkedHashMap<>(Seals.metadataParts(c, load));
    for (TrialFile f : TrialFile.values()) {
      Seals.PartBuilder i = inserted.get(f).get(load);
      Seals.PartBuilder d = closed.get(f).get(load);
      parts.put(
          Seals.inserted(f), (i == null ? new Seals.PartBuilder(Seals.inserted(f)) : i).build());
      parts.put(Seals.closed(f), (d == null ? new Seals.PartBuilder(Seals.closed(f)) : d).build());
    }
    return parts;
  }

  /** Names what changed in a load whose digest no longer matches its seal. */
  private void describeLoad(long at, int load, Map<String, Seals.Part> parts, boolean exists)
      throws SQLException {
    if (!exists) {
      add(at, load, "loads", null, fmt("load %d is sealed but its row in loads was deleted", load));
    }
    Map<String, long[]> sealedRows = new HashMap<>();
    Map<String, String> sealedDigest = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT part, rows, digest FROM main.seal_parts WHERE load = ?")) {
      ps.setInt(1, load);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sealedRows.put(rs.getString(1), new long[] {rs.getLong(2)});
          sealedDigest.put(rs.getString(1), rs.getString(3));
        }
      }
    }
    boolean named = !exists;
    for (Seals.Part p : parts.values()) {
      String sealed = sealedDigest.get(p.name());
      if (sealed == null || sealed.equals(Canonical.hex(p.digest()))) {
        continue;
      }
      named = true;
      long was = sealedRows.get(p.name())[0];
      String table =
          p.name().equals("load")
              ? "loads"
              : p.name().contains(" ") ? p.name().substring(0, p.name().indexOf(' ')) : p.name();
      String record = null;
      String what;
      switch (p.name()) {
        case "load" ->
            what = "its row in table loads (upload SHA-256, time, user, versions) was changed";
        case "load_files" -> what = "its per-file statistics in table load_files were changed";
        case "load_findings" -> what = "its stored warnings in table load_findings were changed";
        default -> {
          boolean ins = p.name().endsWith(" inserted");
          record = ins ? badRowHash.get(table + "|" + load) : null;
          String rows =
              p.rows() == was
                  ? "the same number of records (" + p.rows() + ") but other values"
                  : fmt(
                      "%d records where the seal has %d (%s)",
                      p.rows(),
                      was,
                      p.rows() < was ? "records were deleted" : "records were added");
          what =
              (ins
                      ? "the record versions it stored in table " + table
                      : "which records of table " + table + " it replaced or removed (valid_to)")
                  + " no longer match the seal: "
                  + rows
                  + (record != null
                      ? "; record " + record + " no longer matches its row hash"
                      : "");
        }
      }
      add(at, load, table, record, fmt("load %d: %s", load, what));
    }
    if (!named) {
      add(
          at,
          load,
          "seals",
          null,
          fmt("load %d no longer matches its seal (the seal or seal_parts were edited)", load));
    }
  }

  private static String describeEvent(long seq, String event) {
    if (event == null) {
      return fmt("history event %d was deleted", seq);
    }
    if (Seals.BLINDING_KEY_CREATED.equals(event)) {
      return fmt("history event %d (%s) or the blinding key was changed", seq, event);
    }
    return fmt("history event %d (%s) was changed", seq, event);
  }

  private void add(long position, Integer load, String table, String record, String message) {
    problems.add(new Problem(position, load, table, record, message));
  }

  private static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
