package org.odtrial.ingest.validate;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.odtrial.ingest.contract.TrialFile;

/**
 * A complete list of findings with its counts, as produced by a validation or stored with a load.
 * Findings are read as they are streamed, so a report of any size can be written out in bounded
 * memory.
 *
 * <p>Report order: file (contract order), line, column (contract order), rule; a root finding is
 * followed directly by its consequences (findings whose {@link Finding#root()} is its {@link
 * Finding#queryId()}), in the same order, whatever file they are in.
 */
public interface FindingReport {
  /** As a site filter: only findings whose site cannot be told (e.g. a missing file). */
  String NO_SITE = "";

  /** Every error found. */
  long errors();

  /** Every warning found (root-cause findings included). */
  long warnings();

  default boolean hasErrors() {
    return errors() > 0;
  }

  /** What was read of each file; empty for a stored load's findings. */
  Map<TrialFile, FileSummary> files();

  /**
   * Per file, rule and site: records checked and failed, findings; in file, rule (enum order) and
   * site order.
   */
  List<RuleCount> ruleCounts();

  /** Every site with records or findings, sorted. */
  SortedSet<String> sites();

  /**
   * Streams the findings in report order.
   *
   * @param site null for all, {@link #NO_SITE} for findings without a site, else one site's
   */
  void forEach(String site, FindingConsumer consumer) throws IOException;

  /**
   * A report of the given findings, already in report order, with no file summaries and no rule
   * counts (e.g. for storing hand-made warnings in tests).
   */
  static FindingReport of(List<Finding> findings) {
    List<Finding> copy = List.copyOf(findings);
    long errors = copy.stream().filter(f -> f.severity() == Severity.ERROR).count();
    SortedSet<String> sites = new TreeSet<>();
    copy.stream().map(Finding::site).filter(Objects::nonNull).forEach(sites::add);
    SortedSet<String> fixedSites = Collections.unmodifiableSortedSet(sites);
    return new FindingReport() {
      @Override
      public long errors() {
        return errors;
      }

      @Override
      public long warnings() {
        return copy.size() - errors;
      }

      @Override
      public Map<TrialFile, FileSummary> files() {
        return Map.of();
      }

      @Override
      public List<RuleCount> ruleCounts() {
        return List.of();
      }

      @Override
      public SortedSet<String> sites() {
        return fixedSites;
      }

      @Override
      public void forEach(String site, FindingConsumer consumer) throws IOException {
        for (Finding f : copy) {
          if (matches(site, f)) {
            consumer.accept(f);
          }
        }
      }
    };
  }

  /** Whether a finding passes a site filter as {@link #forEach} takes it. */
  static boolean matches(String site, Finding f) {
    if (site == null) {
      return true;
    }
    return site.equals(NO_SITE) ? f.site() == null : site.equals(f.site());
  }

  /** Receives findings as they are read; may fail with an I/O error (e.g. writing a file). */
  @FunctionalInterface
  interface FindingConsumer {
    void accept(Finding finding) throws IOException;
  }
}
