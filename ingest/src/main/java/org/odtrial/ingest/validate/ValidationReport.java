package org.odtrial.ingest.validate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.odtrial.ingest.contract.TrialFile;

/**
 * The outcome of validating an upload.
 *
 * @param findings every finding, ordered by file (contract order), line, column (contract order), rule
 * @param files a summary per file that could be opened; a missing or unreadable file has none
 */
public record ValidationReport(List<Finding> findings, Map<TrialFile, FileSummary> files) {

  public ValidationReport {
    findings = List.copyOf(findings);
    Map<TrialFile, FileSummary> copy = new EnumMap<>(TrialFile.class);
    copy.putAll(files);
    files = Collections.unmodifiableMap(copy);
  }

  public long errors() {
    return count(Severity.ERROR);
  }

  public long warnings() {
    return count(Severity.WARNING);
  }

  public boolean hasErrors() {
    return errors() > 0;
  }

  private long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }
}
