package org.odtrial.ingest.validate.internal;

import java.io.IOException;
import java.util.List;
import java.util.SortedSet;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.FindingReport;
import org.odtrial.ingest.validate.Rule;
import org.odtrial.ingest.validate.RuleCount;
import org.odtrial.ingest.validate.Severity;

/**
 * Collects every finding of a validation, with nothing left out: findings go straight to a {@link
 * FindingSpool} on disk, so memory does not grow with their number, and {@link RuleCounts} keeps
 * the per-rule denominators. After {@link #finish} they are read back in report order: file order,
 * line, column (canonical order, unknown header columns after), rule, then the order they were
 * found, each root cause followed by its consequences.
 *
 * <p>Thread-safe: the CSV reader's helper thread reports encoding findings.
 */
public final class Findings implements AutoCloseable {
  private final FindingSpool spool = FindingSpool.create();
  private final RuleCounts counts = new RuleCounts();
  private long errors;
  private long warnings;

  /**
   * Adds a finding; {@code columnOrder} is the canonical column index, -1 for none, larger for
   * unknown columns.
   */
  public void add(
      TrialFile file,
      long line,
      int columnOrder,
      String column,
      String record,
      String site,
      Rule rule,
      String msg) {
    add(file, line, columnOrder, column, record, site, rule, msg, null);
  }

  /** What {@link Finding#file()} says of a finding about the upload folder itself. */
  public static final String UPLOAD_FOLDER = "upload folder";

  /** Adds a finding about the upload folder as a whole (listed before every file's). */
  public synchronized void addUploadFolder(Rule rule, String msg) {
    if (rule.severity() == Severity.ERROR) {
      errors++;
    } else {
      warnings++;
    }
    Finding f = new Finding(rule.severity(), UPLOAD_FOLDER, 0, null, null, null, rule.id(), msg);
    spool.add(-1, -1, f, null); // file order -1: before every file
  }

  /** Adds a finding for a canonical column (or none when column is null). */
  public void add(
      TrialFile file, long line, String column, String record, String site, Rule rule, String msg) {
    add(file, line, column == null ? -1 : file.indexOf(column), column, record, site, rule, msg);
  }

  /** Adds a finding that was compared with a value of another record, its possible root cause. */
  synchronized void add(
      TrialFile file,
      long line,
      int columnOrder,
      String column,
      String record,
      String site,
      Rule rule,
      String msg,
      Cause cause) {
    if (rule.severity() == Severity.ERROR) {
      errors++;
    } else {
      warnings++;
    }
    counts.finding(file, rule, site, line);
    spool.add(
        file.ordinal(),
        columnOrder,
        new Finding(rule.severity(), file.fileName(), line, column, record, site, rule.id(), msg),
        cause);
  }

  /** The index of a site in the rule counts, registering a new site. */
  synchronized int siteIndex(String site) {
    return counts.site(site);
  }

  /**
   * An accepted record of the site with index {@code site}: it went through every cell rule of its
   * file. Called by the checking thread only (not synchronized: it runs for every record).
   */
  void record(TrialFile file, int site) {
    counts.record(file, site);
  }

  /** A record-level rule was applied to one record; by the checking thread only. */
  void checked(TrialFile file, Rule rule, int site) {
    counts.checked(file, rule, site);
  }

  /** Every error found. */
  public synchronized long errors() {
    return errors;
  }

  /** Every warning found, root causes included. */
  public synchronized long warnings() {
    return warnings;
  }

  /** Works out root causes and puts the findings in report order; call once, after reading. */
  public synchronized void finish() {
    for (FindingSpool.Root root : spool.finish()) {
      warnings++;
      counts.finding(root.file(), Rule.ROOT_CAUSE, root.site(), root.line());
    }
  }

  /** Number of findings (after {@link #finish}). */
  public synchronized long size() {
    return spool.size();
  }

  public synchronized List<RuleCount> ruleCounts() {
    return counts.list();
  }

  public synchronized SortedSet<String> sites() {
    return counts.sites();
  }

  /** Streams the findings in report order (after {@link #finish}). */
  public synchronized void forEach(String site, FindingReport.FindingConsumer consumer)
      throws IOException {
    spool.forEach(site, consumer);
  }

  /** Deletes the findings' file. */
  @Override
  public synchronized void close() {
    spool.close();
  }
}
