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

/**
 * Reads the five files in contract order, sharing what later files need to know about earlier ones.
 */
public final class UploadReader {
  private final Findings findings;

  public UploadReader(Findings findings) {
    this.findings = findings;
  }

  public void read(Path dir, RecordSink sink, Map<TrialFile, FileSummary> summaries) {
    checkNames(dir);
    TrialState state = new TrialState();
    for (TrialFile file : TrialFile.values()) {
      FileSummary s =
          new CsvFileReader(file, findings).read(dir, FileChecker.of(file, state, findings), sink);
      if (s != null) {
        summaries.put(file, s);
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
