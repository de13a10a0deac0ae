package org.odtrial.ingest.store;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.odtrial.ingest.contract.TrialFile;

/**
 * One committed load as recorded in the store.
 *
 * @param load load number, 1 for the first load
 * @param uploadSha256 SHA-256 of the whole upload
 * @param loadedAt when it was loaded (UTC)
 * @param user operating-system user who loaded it
 * @param toolVersion odtrial version that loaded it
 * @param contractVersion data-contract version it was validated against
 * @param files per file: SHA-256, rows and changes against the previous load, in {@link TrialFile}
 *     order
 * @param site the site whose records the load replaced, or null for a load of the whole trial
 */
public record LoadInfo(
    int load,
    String uploadSha256,
    Instant loadedAt,
    String user,
    String toolVersion,
    int contractVersion,
    Map<TrialFile, FileStats> files,
    String site) {

  /** A load of the whole trial. */
  public LoadInfo(
      int load,
      String uploadSha256,
      Instant loadedAt,
      String user,
      String toolVersion,
      int contractVersion,
      Map<TrialFile, FileStats> files) {
    this(load, uploadSha256, loadedAt, user, toolVersion, contractVersion, files, null);
  }

  public LoadInfo {
    EnumMap<TrialFile, FileStats> copy = new EnumMap<>(TrialFile.class);
    copy.putAll(files);
    files = Collections.unmodifiableMap(copy);
  }

  /** Whether this load left every file's current records as they were. */
  public boolean unchanged() {
    return files.values().stream().allMatch(FileStats::unchanged);
  }
}
