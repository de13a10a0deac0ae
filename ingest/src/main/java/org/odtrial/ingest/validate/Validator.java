package org.odtrial.ingest.validate;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.odtrial.ingest.RecordSink;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.internal.DirectIdentifiers;
import org.odtrial.ingest.validate.internal.Findings;
import org.odtrial.ingest.validate.internal.UploadReader;

/**
 * Validates a contract-v1 upload folder in one streaming pass over its five files (in {@link
 * TrialFile} order). Memory grows only with what cross-file checks need: a compact slot per
 * participant (cluster and four dates), 128-bit fingerprints of keys for the uniqueness checks and
 * a few ints per admissions episode for the overlap check. Findings go to a temporary file as they
 * are found, so however many there are, every one is reported.
 *
 * <p>Each file is decoded and parsed on a helper thread while the calling thread checks the records
 * and calls the sink, so the sink only ever runs on the caller's thread. A validator holds no state
 * between calls.
 *
 * <p>Records go to the sink as they are parsed, whatever their cell findings: every record whose
 * cell count matches the header, with values in canonical column order (null = empty cell or column
 * not in the header). Ragged rows, blank lines and anything after broken quoting are not sent. A
 * caller storing records must roll back when the report has errors.
 */
public final class Validator {
  /** Reports with at most this many findings keep them in memory. */
  public static final int DEFAULT_MEMORY_LIMIT = 20_000;

  private final int memoryLimit;
  private final SiteScope scope;

  /** Files of which the store's current data has records (rule {@code emptied-file}). */
  private final Set<TrialFile> stored;

  private Validator(int memoryLimit, SiteScope scope, Set<TrialFile> stored) {
    this.memoryLimit = memoryLimit;
    this.scope = scope;
    this.stored = stored;
  }

  /** A validator for data contract v1. */
  public static Validator of() {
    return new Validator(DEFAULT_MEMORY_LIMIT, null, Set.of());
  }

  /**
   * A validator for an upload of one site, checked against the rest of the trial (rule {@code
   * other-site}); null for an upload of the whole trial.
   */
  public Validator withSite(SiteScope scope) {
    return new Validator(memoryLimit, scope, stored);
  }

  /**
   * A validator for an upload that would replace the current data of a store which has records of
   * {@code files} (the site's records, in an upload of one site): such a file of the upload with no
   * records at all is an error (rule {@code emptied-file}), as storing it would remove every one of
   * them.
   */
  public Validator withStoredRecords(Set<TrialFile> files) {
    return new Validator(memoryLimit, scope, Set.copyOf(files));
  }

  /**
   * A validator whose reports keep at most {@code findings} findings in memory and read larger
   * lists from their temporary file.
   */
  public Validator withMemoryLimit(int findings) {
    return new Validator(findings, scope, stored);
  }

  /** Validates {@code dir}; close the report when done with it. */
  public ValidationReport validate(Path dir) {
    return validate(dir, RecordSink.NONE);
  }

  /** Validates {@code dir}, passing each record to {@code sink}; close the report when done. */
  public ValidationReport validate(Path dir, RecordSink sink) {
    Findings findings = new Findings();
    try {
      Map<TrialFile, FileSummary> files = new EnumMap<>(TrialFile.class);
      new UploadReader(findings, scope, stored).read(dir, sink, files);
      findings.finish();
      return new ValidationReport(findings, files, memoryLimit);
    } catch (RuntimeException | Error e) {
      findings.close();
      throw e;
    }
  }

  /**
   * What kind of direct identifier a value looks like ("an NHS number", "a UK postcode", "an e-mail
   * address", "a UK phone number"), by the rule {@code direct-identifier}, or null: such a value is
   * never shown nor stored.
   */
  public static String directIdentifierKind(String value) {
    return value == null ? null : DirectIdentifiers.kind(value);
  }
}
