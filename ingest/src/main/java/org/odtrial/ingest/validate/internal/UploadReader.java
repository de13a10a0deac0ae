package org.odtrial.ingest.validate.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

  public UploadReader(Findings findings) {
    this(findings, null);
  }

  /** A reader checking an upload of one site against the rest of the trial (null: whole trial). */
  public UploadReader(Findings findings, SiteScope scope) {
    this.findings = findings;
    this.scope = scope;
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
      if (file == TrialFile.CLUSTERS
          && s != null
          && scope != null
          && !state.clusterSite.contains(scope.site())) {
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
