package org.odtrial.ingest.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.internal.Findings;

/**
 * The outcome of validating an upload: every finding (none is ever left out), the counts, and the
 * per-rule summary. A small report holds its findings in memory; a large one reads them from a
 * temporary file, deleted by {@link #close} (close every report; closing a small one costs
 * nothing).
 */
public final class ValidationReport implements FindingReport, AutoCloseable {
  private final List<Finding> inMemory;
  private final Findings onDisk;
  private final Map<TrialFile, FileSummary> files;
  private final long errors;
  private final long warnings;
  private final List<RuleCount> ruleCounts;
  private final SortedSet<String> sites;

  ValidationReport(Findings findings, Map<TrialFile, FileSummary> files, int memoryLimit) {
    Map<TrialFile, FileSummary> copy = new EnumMap<>(TrialFile.class);
    copy.putAll(files);
    this.files = Collections.unmodifiableMap(copy);
    this.errors = findings.errors();
    this.warnings = findings.warnings();
    this.ruleCounts = List.copyOf(findings.ruleCounts());
    this.sites = Collections.unmodifiableSortedSet(new TreeSet<>(findings.sites()));
    if (findings.size() <= memoryLimit) {
      List<Finding> all = new ArrayList<>();
      try {
        findings.forEach(null, all::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // adding to a list does not fail
      } finally {
        findings.close();
      }
      this.inMemory = List.copyOf(all);
      this.onDisk = null;
    } else {
      this.inMemory = null;
      this.onDisk = findings;
    }
  }

  @Override
  public long errors() {
    return errors;
  }

  @Override
  public long warnings() {
    return warnings;
  }

  /** A summary per file that could be opened; a missing or unreadable file has none. */
  @Override
  public Map<TrialFile, FileSummary> files() {
    return files;
  }

  @Override
  public List<RuleCount> ruleCounts() {
    return ruleCounts;
  }

  @Override
  public SortedSet<String> sites() {
    return sites;
  }

  @Override
  public void forEach(String site, FindingConsumer consumer) throws IOException {
    if (onDisk != null) {
      onDisk.forEach(site, consumer);
      return;
    }
    for (Finding f : inMemory) {
      if (FindingReport.matches(site, f)) {
        consumer.accept(f);
      }
    }
  }

  /**
   * Every finding in report order, in memory: for tests and small uploads. Use {@link #forEach} to
   * write out a report of any size.
   */
  public List<Finding> findings() {
    if (inMemory != null) {
      return inMemory;
    }
    List<Finding> all = new ArrayList<>();
    try {
      onDisk.forEach(null, all::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  /** Deletes the temporary file of a large report; the report cannot be read afterwards. */
  @Override
  public void close() {
    if (onDisk != null) {
      onDisk.close();
    }
  }
}
