package org.odtrial.ingest.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.odtrial.ingest.IngestException;
import org.odtrial.ingest.contract.TrialFile;

/**
 * The SHA-256 of each file of an upload and of the upload as a whole. The upload's digest is the
 * SHA-256 of the text {@code "<file name> <file sha256>\n"} for the five files in contract order,
 * so it can be recomputed from the per-file digests with standard tools: {@code sha256sum *.csv},
 * sorted in contract order, re-hashed.
 *
 * @param files per-file SHA-256 (lower-case hex), in contract order
 * @param upload SHA-256 of the whole upload
 */
public record UploadFingerprint(Map<TrialFile, String> files, String upload) {

  public UploadFingerprint {
    files = Collections.unmodifiableMap(new EnumMap<>(files));
  }

  /** Combines per-file digests (all five present) into the upload's fingerprint. */
  public static UploadFingerprint of(Map<TrialFile, String> files) {
    StringBuilder text = new StringBuilder();
    for (TrialFile f : TrialFile.values()) {
      String sha = files.get(f);
      if (sha == null) {
        throw new IngestException("no SHA-256 for " + f.fileName());
      }
      text.append(f.fileName()).append(' ').append(sha).append('\n');
    }
    return new UploadFingerprint(files, sha256(text.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether all five files of an upload are in {@code dir} (regular files). */
  public static boolean complete(Path dir) {
    for (TrialFile f : TrialFile.values()) {
      if (!Files.isRegularFile(dir.resolve(f.fileName()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Hashes the five files of {@code dir}; empty if any of them is missing or cannot be read (such
   * an upload is never stored).
   */
  public static Optional<UploadFingerprint> read(Path dir) {
    Map<TrialFile, String> files = new EnumMap<>(TrialFile.class);
    for (TrialFile f : TrialFile.values()) {
      Path p = dir.resolve(f.fileName());
      if (!Files.isRegularFile(p)) {
        return Optional.empty();
      }
      try (InputStream in = new DigestInputStream(Files.newInputStream(p), digest())) {
        byte[] buffer = new byte[1 << 16];
        while (in.read(buffer) >= 0) {
          // the digest stream does the work
        }
        files.put(
            f, HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()));
      } catch (IOException e) {
        // missing since, or unreadable (permissions, a read error): the validator reads it too and
        // reports it as a finding of the file, as on a first ingest, which hashes nothing first
        return Optional.empty();
      }
    }
    return Optional.of(of(files));
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
