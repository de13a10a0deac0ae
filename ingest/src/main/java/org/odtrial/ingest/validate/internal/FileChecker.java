package org.odtrial.ingest.validate.internal;

import java.util.Locale;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Rule;
import org.odtrial.ingest.validate.SiteScope;

/**
 * Checks the records of one file: cell checks first, then the record's id and site are worked out
 * (so every finding carries them), then the file's key, reference and cross-field rules.
 */
abstract class FileChecker {
  final TrialFile file;
  final TrialState state;
  final Findings findings;
  final Row row;
  private final CellChecks cells;
  private final int recordColumn;

  /** The current record's id, worked out when a finding needs it (see {@link #record()}). */
  private String record;

  private boolean recordKnown;

  /** The current record's site, for findings and counts. */
  String site;

  /** {@link #site} as an index of the rule counts. */
  private int siteIndex;

  // the site of the record before (at first, nothing a site can be) and its index
  private Object lastSite = new Object();
  private int lastSiteIndex;

  // last participant looked up: rows of one participant usually come together
  private String lastParticipantId;
  private int lastParticipant;

  FileChecker(TrialFile file, TrialState state, Findings findings) {
    this.file = file;
    this.state = state;
    this.findings = findings;
    this.row = new Row(file);
    this.cells = new CellChecks(file.columns());
    this.recordColumn = file.indexOf(file.key().get(0));
  }

  static FileChecker of(TrialFile file, TrialState state, Findings findings) {
    return switch (file) {
      case CLUSTERS -> new ClustersChecker(state, findings);
      case PARTICIPANTS -> new ParticipantsChecker(state, findings);
      case ADMISSIONS -> new AdmissionsChecker(state, findings);
      case OUTCOMES -> new OutcomesChecker(state, findings);
      case NETWORK_MEETINGS -> new MeetingsChecker(state, findings);
    };
  }

  /** Which canonical columns the header holds. */
  final void columnsInHeader(boolean[] present) {
    row.inHeader = present;
  }

  /**
   * The canonical columns whose keys the reading thread fingerprints (see {@link RecordPump}), in
   * the order of {@link #keyIndex}: those looked up in or added to a large {@link FingerprintIndex}
   * for every record.
   */
  int[] keyColumns() {
    return new int[0];
  }

  /** The index the key of {@code keyColumns()[j]} is looked up in or added to. */
  FingerprintIndex keyIndex(int j) {
    throw new IllegalArgumentException("no key column " + j);
  }

  /**
   * Whether the key of {@code keyColumns()[j]} is only looked up in an index finished before this
   * file (the participants'), so that the reading thread looks it up (see {@link RecordPump}).
   */
  boolean keyLookedUp(int j) {
    return false;
  }

  // the current record's cells as read, their key fingerprints and what the reading thread found
  // for them (see RecordPump), if any
  private String[] raw;
  private int[] keyRaw;
  private long[] prints;
  private int[] found;
  private int printsAt;
  private long touched;

  /**
   * Touches the index slots of a batch's keys before its records are checked one by one, so that
   * their cache misses overlap (see {@link FingerprintIndex#touch}); changes nothing.
   */
  final void prefetch(long[] prints, int from, int to, int keys) {
    long sum = 0;
    for (int j = 0; j < keys; j++) {
      if (keyLookedUp(j)) {
        continue;
      }
      FingerprintIndex index = keyIndex(j);
      long last = 0;
      for (int k = from; k < to; k++) {
        long a = prints[2 * (k * keys + j)];
        if (a != 0 && a != last) {
          sum += index.touch(a);
          last = a;
        }
      }
    }
    touched += sum; // kept, so the reads are not optimised away
  }

  /**
   * Checks a record whose key fingerprints are at {@code prints[at...]} ({@link RecordPump}'s
   * layout), for the cells as read in {@code raw} at the positions {@code keyRaw}.
   */
  final void accept(
      long line, String[] values, String[] raw, int[] keyRaw, long[] prints, int[] found, int at) {
    this.raw = raw;
    this.keyRaw = keyRaw;
    this.prints = prints;
    this.found = found;
    this.printsAt = at;
    accept(line, values);
    this.raw = null;
  }

  /**
   * Where the fingerprint of {@code key}, the valid value of canonical column {@code column}, is in
   * {@link #prints}, or -1 when it was not worked out for this very cell.
   */
  private int printOf(String key, int column) {
    if (raw == null) {
      return -1;
    }
    int[] columns = keyColumns;
    for (int j = 0; j < columns.length; j++) {
      if (columns[j] == column) {
        int c = keyRaw[j];
        // the same String the reading thread hashed: the same fingerprint
        return c >= 0 && raw[c] == key ? printsAt + 2 * j : -1;
      }
    }
    return -1;
  }

  private final int[] keyColumns = keyColumns();

  final void accept(long line, String[] values) {
    row.reset(line, values);
    cells.check(row);
    recordKnown = false;
    site = null;
    resolve();
    if (site != lastSite) { // records of one site come together: look its index up once a run
      lastSite = site;
      lastSiteIndex = findings.siteIndex(site);
    }
    siteIndex = lastSiteIndex;
    findings.record(file, siteIndex);
    for (Row.Pending p : row.pending) {
      findings.add(
          file,
          line,
          p.column(),
          file.columns().get(p.column()).name(),
          record(),
          site,
          p.rule(),
          p.message());
    }
    crossCheck();
    if (state.scope != null) {
      checkSite(state.scope);
    }
  }

  /**
   * An upload of one site holds that site's records only, under ids no other site's current records
   * hold (ids are unique across the trial).
   */
  private void checkSite(SiteScope scope) {
    switch (file) {
      case CLUSTERS -> {
        checked(Rule.OTHER_SITE);
        int siteColumn = file.indexOf("site_id");
        String s = row.valid(siteColumn);
        if (s != null && !s.equals(scope.site())) {
          emit(
              siteColumn,
              Rule.OTHER_SITE,
              "site_id "
                  + Text.quote(s)
                  + " is not "
                  + Text.quote(scope.site())
                  + ", the site of this upload: an upload of one site holds only that site's"
                  + " clusters; leave this cluster to its own site's upload");
        }
        held(scope, recordColumn, "cluster_id");
      }
      case PARTICIPANTS -> {
        checked(Rule.OTHER_SITE);
        held(scope, recordColumn, "participant_id");
        int clusterColumn = file.indexOf("cluster_id");
        String c = row.valid(clusterColumn);
        String holder = c == null ? null : scope.otherSiteHolding(TrialFile.CLUSTERS, c);
        if (holder != null && state.clusters.get(c) < 0) {
          emit(
              clusterColumn,
              Rule.OTHER_SITE,
              "cluster_id "
                  + Text.quote(c)
                  + " is a cluster of "
                  + siteName(holder)
                  + ", not of "
                  + Text.quote(scope.site())
                  + ": this upload may hold only its own site's participants");
        }
      }
      case ADMISSIONS, NETWORK_MEETINGS -> {
        checked(Rule.OTHER_SITE);
        held(scope, recordColumn, file.key().get(0));
      }
      case OUTCOMES -> {
        // keyed by participant: participants.csv of the upload is checked already
      }
    }
  }

  private void held(SiteScope scope, int column, String name) {
    if (site != null && !site.equals(scope.site())) {
      return; // a record of another site's cluster: that cluster's site_id finding says so
    }
    String id = row.valid(column);
    String holder = id == null ? null : scope.otherSiteHolding(file, id);
    if (holder != null) {
      emit(
          column,
          Rule.OTHER_SITE,
          name
              + " "
              + Text.quote(id)
              + " is already a record of "
              + siteName(holder)
              + " in the store, and ids are unique across the trial: use a new id (ask the trial"
              + " manager if the record belongs to this site)");
    }
  }

  private static String siteName(String site) {
    return site.isEmpty() ? "another site" : "site " + Text.quote(site);
  }

  /** The current record's id for findings (computed once a record, and only when needed). */
  final String record() {
    if (!recordKnown) {
      record = recordId();
      recordKnown = true;
    }
    return record;
  }

  /** The current record's id for findings: its first key column, when valid. */
  String recordId() {
    return row.valid(recordColumn);
  }

  /** Sets {@link #site} (and looks up whatever crossCheck needs). */
  abstract void resolve();

  abstract void crossCheck();

  /** Checks that need the whole file. */
  void finish() {}

  final void emit(int column, Rule rule, String message) {
    emit(column, rule, message, null);
  }

  /** A finding that compared the record with {@code cause}, a value of another record. */
  final void emit(int column, Rule rule, String message, Cause cause) {
    findings.add(
        file,
        row.line,
        column,
        column < 0 ? null : file.columns().get(column).name(),
        record(),
        site,
        rule,
        message,
        cause);
  }

  /** The current record was checked against a record-level rule. */
  final void checked(Rule rule) {
    findings.checked(file, rule, siteIndex);
  }

  /**
   * A date of the participant the current record refers to (looked up by {@link
   * #lookupParticipant}), as the possible root cause of a finding.
   *
   * @param column the date's column in participants.csv
   * @param visit the timepoint for a visit-window finding, else -1
   */
  final Cause participantDate(int participant, String column, int day, int visit) {
    return new Cause(
        TrialFile.PARTICIPANTS,
        state.participantLine.get(participant),
        TrialFile.PARTICIPANTS.indexOf(column),
        lastParticipantId,
        state.siteOfParticipant(participant),
        date(day),
        visit);
  }

  /** The participant slot the cell refers to, or -1 (missing, invalid or unknown id). */
  final int lookupParticipant(int column) {
    String id = row.valid(column);
    if (id == null) {
      return -1;
    }
    if (!id.equals(lastParticipantId)) {
      lastParticipantId = id;
      int p = printOf(id, column);
      lastParticipant =
          p < 0
              ? state.participants.get(id)
              : keyLookedUp((p - printsAt) / 2)
                  ? found[p / 2]
                  : state.participants.get(prints[p], prints[p + 1]);
    }
    return lastParticipant;
  }

  /** Reports a valid participant_id that is not in participants.csv. */
  final void checkParticipantReference(int column, int participant) {
    String id = row.valid(column);
    if (id != null) {
      checked(Rule.REFERENCE);
    }
    if (id != null && participant < 0) {
      emit(
          column,
          Rule.REFERENCE,
          "participant_id " + Text.quote(id) + " is not in participants.csv");
    }
  }

  /** Records the key; returns true if new, else reports a duplicate of the line it was first on. */
  final boolean unique(FingerprintIndex seen, IntList lines, String key, int column, String name) {
    checked(Rule.DUPLICATE_KEY);
    int p = printOf(key, column);
    int first =
        p < 0
            ? seen.putIfAbsent(key, lines.size())
            : seen.putIfAbsent(prints[p], prints[p + 1], lines.size());
    if (first < 0) {
      lines.add((int) Math.min(Integer.MAX_VALUE, row.line));
      return true;
    }
    duplicate(column, name + " " + Text.quote(key), lines.get(first));
    return false;
  }

  /**
   * Reports a repeated key; firstLine is the line of its first occurrence, or -1 where that is not
   * kept.
   */
  final void duplicate(int column, String what, long firstLine) {
    emit(
        column,
        Rule.DUPLICATE_KEY,
        what
            + " appears more than once"
            + (firstLine < 0 ? "; keep one row" : "; first on line " + firstLine));
  }

  static String date(int epochDay) {
    return Dates.format(epochDay);
  }

  static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
