package org.odtrial.ingest.validate;

/**
 * How one rule fared on one file at one site: the denominators of the data-quality summary, in the
 * manner of R's pointblank (units tested, passed, failed, share failed).
 *
 * @param file file name
 * @param rule rule id
 * @param site the site of the records, or null for records whose site cannot be told (and for
 *     findings about a whole file)
 * @param rowsChecked records the rule was applied to; -1 for a rule that is not checked record by
 *     record ({@link Rule#perRecord()} is false): missing files, header and CSV-syntax rules, root
 *     causes
 * @param rowsFailed records with at least one finding of the rule (a record failing the rule in two
 *     columns counts once)
 * @param findings findings of the rule
 */
public record RuleCount(
    String file, String rule, String site, long rowsChecked, long rowsFailed, long findings) {

  /** Whether the rule has a denominator of records here. */
  public boolean perRecord() {
    return rowsChecked >= 0;
  }

  /** Records checked that passed, or -1 where the rule is not checked per record. */
  public long rowsPassed() {
    return perRecord() ? rowsChecked - rowsFailed : -1;
  }

  /**
   * Share of the checked records that failed (0 when none were checked), or NaN when not per
   * record.
   */
  public double shareFailed() {
    if (!perRecord()) {
      return Double.NaN;
    }
    return rowsChecked == 0 ? 0 : (double) rowsFailed / rowsChecked;
  }

  /** The severity of the rule, or null for a rule this odtrial does not know (an older store). */
  public Severity severity() {
    Rule r = Rule.byId(rule);
    return r == null ? null : r.severity();
  }
}
