package org.odtrial.ingest.validate.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Finding;
import org.odtrial.ingest.validate.Rule;
import org.odtrial.ingest.validate.Severity;

/**
 * Collects findings and hands them out in a fixed order: file order, line, column (canonical order,
 * unknown header columns after), rule, then the order they were found. At most {@link #LIMIT}
 * findings of one rule in one file are listed; one more finding of that rule says how many were
 * left out, so memory stays bounded on a badly broken file.
 */
public final class Findings {
  public static final int LIMIT = 1000;

  private record Entry(Finding finding, int fileOrder, int columnOrder, long seq) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, long[]> perRule =
      new HashMap<>(); // file|rule -> {count, first suppressed line}
  private long seq;
  private long errors;
  private long warnings;

  /**
   * Adds a finding; {@code columnOrder} is the canonical column index, -1 for none, larger for
   * unknown columns.
   */
  public synchronized void add(
      TrialFile file,
      long line,
      int columnOrder,
      String column,
      String record,
      String site,
      Rule rule,
      String msg) {
    String k = file.ordinal() + "|" + rule.id();
    long[] c = perRule.computeIfAbsent(k, x -> new long[] {0, -1});
    c[0]++;
    if (rule.severity() == Severity.ERROR) {
      errors++;
    } else {
      warnings++;
    }
    if (c[0] > LIMIT) {
      if (c[1] < 0) {
        c[1] = line;
      }
      return;
    }
    Finding f =
        new Finding(rule.severity(), file.fileName(), line, column, record, site, rule.id(), msg);
    entries.add(new Entry(f, file.ordinal(), columnOrder, seq++));
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
    entries.add(new Entry(f, -1, -1, seq++));
  }

  /** Adds a finding for a canonical column (or none when column is null). */
  public void add(
      TrialFile file, long line, String column, String record, String site, Rule rule, String msg) {
    add(file, line, column == null ? -1 : file.indexOf(column), column, record, site, rule, msg);
  }

  /** Every error found, listed or not. */
  public synchronized long errors() {
    return errors;
  }

  /** Every warning found, listed or not. */
  public synchronized long warnings() {
    return warnings;
  }

  public synchronized List<Finding> sorted() {
    for (Map.Entry<String, long[]> e : perRule.entrySet()) {
      long[] c = e.getValue();
      if (c[0] > LIMIT) {
        String[] parts = e.getKey().split("\\|");
        TrialFile file = TrialFile.values()[Integer.parseInt(parts[0])];
        Rule rule = ruleOf(parts[1]);
        String msg =
            String.format(
                Locale.ROOT,
                "%d more findings of rule %s in this file (from line %d on) are not listed; fix the"
                    + " ones above and validate again",
                c[0] - LIMIT,
                rule.id(),
                c[1]);
        Finding f =
            new Finding(rule.severity(), file.fileName(), c[1], null, null, null, rule.id(), msg);
        entries.add(new Entry(f, file.ordinal(), -1, seq++));
      }
    }
    perRule.clear();
    entries.sort(
        Comparator.comparingInt(Entry::fileOrder)
            .thenComparingLong(e -> e.finding().line())
            .thenComparingInt(Entry::columnOrder)
            .thenComparing(e -> e.finding().rule())
            .thenComparingLong(Entry::seq));
    List<Finding> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(e.finding());
    }
    return out;
  }

  private static Rule ruleOf(String id) {
    for (Rule r : Rule.values()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    throw new IllegalStateException(id);
  }
}
