package org.odtrial.ingest.validate.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.odtrial.ingest.RecordSink;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.FileSummary;
import org.odtrial.ingest.validate.Rule;
import org.odtrial.ingest.validate.SiteScope;

/**
 * Reads the five files in contract order, sharing what later files need to know about earlier ones.
 */
public final class UploadReader {
  private final Findings findings;
  private final SiteScope scope;
  private final Set<TrialFile> stored;

  public UploadReader(Findings findings) {
    this(findings, null, Set.of());
  }

  /**
   * A reader checking an upload of one site against the rest of the trial (null: whole trial), for
   * a store whose current data (the site's) has records of the files {@code stored}.
   */
  public UploadReader(Findings findings, SiteScope scope, Set<TrialFile> stored) {
    this.findings = findings;
    this.scope = scope;
    this.stored = stored;
  }

  public void read(Path dir, RecordSink sink, Map<TrialFile, FileSummary> summaries) {
    checkNames(dir);
    TrialState state = new TrialState(scope);
    for (TrialFile file : TrialFile.values()) {
      FileSummary s =
          new CsvFileReader(file, findings).read(dir, FileChecker.of(file, state, findings), sink);
      if (s != null) {
        summaries.put(file, s);
      }
      boolean noClusterOfSite =
          file == TrialFile.CLUSTERS
              && s != null
              && scope != null
              && !state.clusterSite.contains(scope.site());
      if (noClusterOfSite) {
        // an upload without the site's clusters would remove every record of the site
        findings.add(
            file,
            1,
            null,
            null,
            scope.site(),
            Rule.OTHER_SITE,
            "clusters.csv has no cluster of site "
                + scope.site()
                + ": an upload of one site holds all of the site's clusters, participants and"
                + " their records (a record left out is removed from the trial's current data)");
      }
      if (s != null && s.rows() == 0 && stored.contains(file) && !noClusterOfSite) {
        // a header alone, say from an export that failed, would otherwise empty the table
        findings.add(
            file,
            1,
            null,
            null,
            scope == null ? null : scope.site(),
            Rule.EMPTIED_FILE,
            file.fileName()
                + " has no records, but "
                + (scope == null ? "the trial's" : "site " + scope.site() + "'s")
                + " current data has "
                + file.tableName().replace('_', ' ')
                + ": storing this upload would remove every one of them (they would stay readable"
                + " at earlier loads). If that is what you mean, ingest it with --allow-emptied");
      }
    }
  }

  /**
   * The names of the upload folder and of every file in it are checked too: a file named after a
   * person's NHS number or e-mail address is a leak even if it is never read.
   */
  private void checkNames(Path dir) {
    Path own = dir.toAbsolutePath().normalize().getFileName();
    if (own != null && DirectIdentifiers.kind(own.toString()) != null) {
      findings.addUploadFolder(
          Rule.DIRECT_IDENTIFIER,
          "the upload folder's name looks like "
              + DirectIdentifiers.kind(own.toString())
              + ", a direct identifier; rename it (the name is not repeated here)");
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        String kind = DirectIdentifiers.kind(name);
        if (kind != null) {
          findings.addUploadFolder(
              Rule.DIRECT_IDENTIFIER,
              "a file in the upload folder has a name that looks like "
                  + kind
                  + ", a direct identifier; remove or rename it (the name is not repeated here)");
        }
      }
    } catch (IOException | SecurityException e) {
      // the folder cannot be listed: each missing or unreadable file gets its own finding
    }
  }
}
