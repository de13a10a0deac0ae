package org.odtrial.ingest.validate.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.odtrial.ingest.contract.Column;
import org.odtrial.ingest.contract.ColumnType;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Rule;
import org.odtrial.ingest.validate.RuleCount;

/**
 * Counts, per file, rule and site, the records each rule was applied to, the records that failed it
 * and its findings: the denominators of the data-quality summary. Memory is a few longs per file,
 * rule and site. Not thread-safe: {@link Findings} serialises the calls that may come from two
 * threads (findings, new sites); the per-record counts come from the checking thread alone.
 */
final class RuleCounts {
  private static final int FILES = TrialFile.values().length;
  private static final int RULES = Rule.values().length;

  private final Map<String, Integer> siteIndex = new HashMap<>(); // site -> 1..n; null is 0
  private final List<String> siteNames = new ArrayList<>(List.of(""));
  private long[][][] checked = new long[FILES][RULES][1];
  private long[][][] failed = new long[FILES][RULES][1];
  private long[][][] findings = new long[FILES][RULES][1];
  private final long[][] lastFailedLine = new long[FILES][RULES];

  /**
   * Per file and site, the accepted records: each went through every cell rule of its file (added
   * to those rules' counts when listed, rather than ten counters per record).
   */
  private long[][] records = new long[FILES][1];

  /** Per file and rule, whether the rule is one of the file's cell rules. */
  private final boolean[][] isCellRule = new boolean[FILES][RULES];

  /** Per file: the cell rules every accepted record goes through, given its column types. */
  private final Rule[][] cellRules = new Rule[FILES][];

  RuleCounts() {
    for (long[] l : lastFailedLine) {
      Arrays.fill(l, -1);
    }
    for (TrialFile file : TrialFile.values()) {
      cellRules[file.ordinal()] = cellRulesOf(file);
      for (Rule r : cellRules[file.ordinal()]) {
        isCellRule[file.ordinal()][r.ordinal()] = true;
      }
    }
  }

  private static Rule[] cellRulesOf(TrialFile file) {
    List<Rule> rules =
        new ArrayList<>(
            List.of(Rule.CELL_COUNT, Rule.DIRECT_IDENTIFIER, Rule.MISSING_CODE, Rule.REQUIRED));
    boolean[] types = new boolean[ColumnType.values().length];
    for (Column c : file.columns()) {
      types[c.type().ordinal()] = true;
    }
    if (types[ColumnType.ID.ordinal()]) {
      rules.add(Rule.ID_FORMAT);
    }
    if (types[ColumnType.CODE.ordinal()]) {
      rules.add(Rule.CODE);
    }
    if (types[ColumnType.DATE.ordinal()]) {
      rules.add(Rule.DATE_FORMAT);
      rules.add(Rule.CALENDAR_DATE);
    }
    if (types[ColumnType.INTEGER.ordinal()]) {
      rules.add(Rule.INTEGER);
    }
    if (types[ColumnType.DECIMAL.ordinal()]) {
      rules.add(Rule.DECIMAL);
    }
    if (types[ColumnType.INTEGER.ordinal()] || types[ColumnType.DECIMAL.ordinal()]) {
      rules.add(Rule.RANGE);
    }
    if (types[ColumnType.TEXT.ordinal()]) {
      rules.add(Rule.TEXT_LENGTH);
    }
    return rules.toArray(new Rule[0]);
  }

  /**
   * One accepted record of {@code file}, of the site with index {@code site} ({@link #site}): every
   * cell rule of the file was applied to it.
   */
  void record(TrialFile file, int site) {
    records[file.ordinal()][site]++;
  }

  /** A record-level rule was applied to one record of the site with index {@code site}. */
  void checked(TrialFile file, Rule rule, int site) {
    checked[file.ordinal()][rule.ordinal()][site]++;
  }

  /**
   * A finding. Findings of one record arrive together, so a record failing a rule twice (two
   * columns) counts as one failed record.
   */
  void finding(TrialFile file, Rule rule, String site, long line) {
    int f = file.ordinal();
    int r = rule.ordinal();
    int s = site(site);
    findings[f][r][s]++;
    if (rule == Rule.CELL_COUNT) {
      // a ragged record is not handed to the checkers; it was checked all the same
      checked[f][r][s]++;
      checked[f][Rule.DIRECT_IDENTIFIER.ordinal()][s]++;
    }
    if (rule.perRecord() && line > 1 && lastFailedLine[f][r] != line) {
      lastFailedLine[f][r] = line;
      failed[f][r][s]++;
    }
  }

  /** The index of a site in the counts (0 for none), registering a new one. */
  int site(String site) {
    if (site == null) {
      return 0;
    }
    Integer i = siteIndex.get(site);
    if (i != null) {
      return i;
    }
    int n = siteNames.size();
    siteIndex.put(site, n);
    siteNames.add(site);
    checked = grow(checked, n + 1);
    failed = grow(failed, n + 1);
    findings = grow(findings, n + 1);
    for (int f = 0; f < FILES; f++) {
      if (records[f].length < n + 1) {
        records[f] = Arrays.copyOf(records[f], Math.max(n + 1, records[f].length * 2));
      }
    }
    return n;
  }

  private static long[][][] grow(long[][][] a, int sites) {
    for (long[][] perFile : a) {
      for (int r = 0; r < perFile.length; r++) {
        if (perFile[r].length < sites) {
          perFile[r] = Arrays.copyOf(perFile[r], Math.max(sites, perFile[r].length * 2));
        }
      }
    }
    return a;
  }

  /** Every site seen with a record or a finding, sorted. */
  SortedSet<String> sites() {
    return new TreeSet<>(siteNames.subList(1, siteNames.size()));
  }

  /**
   * The counts, in file, rule and site order (null site last), leaving out rules that were neither
   * applied nor failed.
   */
  List<RuleCount> list() {
    List<RuleCount> out = new ArrayList<>();
    List<String> sorted = new ArrayList<>(sites());
    sorted.add(null);
    for (TrialFile file : TrialFile.values()) {
      int f = file.ordinal();
      for (Rule rule : Rule.values()) {
        int r = rule.ordinal();
        for (String site : sorted) {
          int s = site == null ? 0 : siteIndex.get(site);
          long c =
              (s < checked[f][r].length ? checked[f][r][s] : 0)
                  + (isCellRule[f][r] && s < records[f].length ? records[f][s] : 0);
          long x = s < failed[f][r].length ? failed[f][r][s] : 0;
          long n = s < findings[f][r].length ? findings[f][r][s] : 0;
          if (c == 0 && n == 0) {
            continue;
          }
          out.add(new RuleCount(file.fileName(), rule.id(), site, rule.perRecord() ? c : -1, x, n));
        }
      }
    }
    return out;
  }
}
