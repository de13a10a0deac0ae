package org.odtrial.ingest.validate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.odtrial.ingest.contract.TrialFile;

/**
 * The outcome of validating an upload.
 *
 * @param findings the findings listed, ordered by file (contract order), line, column (contract
 *     order), rule; at most 1,000 of one rule in one file, then one finding saying how many more
 *     there are
 * @param files a summary per file that could be opened; a missing or unreadable file has none
 * @param errors every error found, listed or not
 * @param warnings every warning found, listed or not
 */
public record ValidationReport(
    List<Finding> findings, Map<TrialFile, FileSummary> files, long errors, long warnings) {

  /** A report whose findings are all listed: the counts are those of the list. */
  public ValidationReport(List<Finding> findings, Map<TrialFile, FileSummary> files) {
    this(findings, files, count(findings, Severity.ERROR), count(findings, Severity.WARNING));
  }

  public ValidationReport {
    findings = List.copyOf(findings);
    Map<TrialFile, FileSummary> copy = new EnumMap<>(TrialFile.class);
    copy.putAll(files);
    files = Collections.unmodifiableMap(copy);
  }

  public boolean hasErrors() {
    return errors() > 0;
  }

  private static long count(List<Finding> findings, Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }
}
