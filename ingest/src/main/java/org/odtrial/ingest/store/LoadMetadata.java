package org.odtrial.ingest.store;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.odtrial.ingest.contract.TrialFile;

/**
 * What the caller knows about an upload before it is stored; the store records it with the load.
 *
 * @param uploadSha256 SHA-256 (lower-case hex) identifying the whole upload, as computed by the
 *     caller
 * @param fileSha256 SHA-256 (lower-case hex) of each file's bytes; all five files
 * @param loadedAt when the load happened (UTC); passed in so that the caller controls it and tests
 *     are deterministic
 * @param user operating-system user who ran the load
 * @param toolVersion odtrial version that validated and stored the upload
 * @param contractVersion data-contract version the upload was validated against
 * @param site the site whose records the upload replaces ({@code odtrial ingest --site}), or null
 *     for an upload of the whole trial
 */
public record LoadMetadata(
    String uploadSha256,
    Map<TrialFile, String> fileSha256,
    Instant loadedAt,
    String user,
    String toolVersion,
    int contractVersion,
    String site) {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SITE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  /** Metadata of an upload of the whole trial. */
  public LoadMetadata(
      String uploadSha256,
      Map<TrialFile, String> fileSha256,
      Instant loadedAt,
      String user,
      String toolVersion,
      int contractVersion) {
    this(uploadSha256, fileSha256, loadedAt, user, toolVersion, contractVersion, null);
  }

  public LoadMetadata {
    requireSha256(uploadSha256, "uploadSha256");
    Objects.requireNonNull(fileSha256, "fileSha256");
    EnumMap<TrialFile, String> copy = new EnumMap<>(TrialFile.class);
    for (TrialFile file : TrialFile.values()) {
      String sha = fileSha256.get(file);
      requireSha256(sha, "fileSha256 of " + file.fileName());
      copy.put(file, sha);
    }
    fileSha256 = Collections.unmodifiableMap(copy);
    Objects.requireNonNull(loadedAt, "loadedAt");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(toolVersion, "toolVersion");
    if (site != null && !SITE.matcher(site).matches()) {
      throw new IllegalArgumentException("site must be a site_id: 1-32 of A-Z a-z 0-9 _ -");
    }
  }

  /** The same metadata for an upload of {@code site} only (null: the whole trial). */
  public LoadMetadata withSite(String site) {
    return new LoadMetadata(
        uploadSha256, fileSha256, loadedAt, user, toolVersion, contractVersion, site);
  }

  private static void requireSha256(String value, String what) {
    if (value == null || !SHA256.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be 64 lower-case hex digits");
    }
  }
}
