package org.odtrial.ingest.validate;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.odtrial.ingest.RecordSink;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.internal.Findings;
import org.odtrial.ingest.validate.internal.UploadReader;

/**
 * Validates a contract-v1 upload folder in one streaming pass over its five files (in {@link
 * TrialFile} order). Memory grows only with what cross-file checks need: a compact slot per
 * participant (cluster and four dates), 128-bit fingerprints of keys for the uniqueness checks and
 * a few ints per admissions episode for the overlap check.
 *
 * <p>Each file is decoded and parsed on a helper thread while the calling thread checks the records
 * and calls the sink, so the sink only ever runs on the caller's thread. A validator holds no state
 * between calls.
 *
 * <p>Records go to the sink as they are parsed, whatever their cell findings: every record whose
 * cell count matches the header, with values in canonical column order (null = empty cell or column
 * not in the header). Ragged rows, blank lines and anything after broken quoting are not sent. A
 * caller storing records must roll back when the report has errors.
 *
 * <p>At most {@value Findings#LIMIT} findings of one rule are listed per file; one more finding of
 * that rule then says how many were left out.
 */
public final class Validator {

  private Validator() {}

  /** A validator for data contract v1. */
  public static Validator of() {
    return new Validator();
  }

  public ValidationReport validate(Path dir) {
    return validate(dir, RecordSink.NONE);
  }

  public ValidationReport validate(Path dir, RecordSink sink) {
    Findings findings = new Findings();
    Map<TrialFile, FileSummary> files = new EnumMap<>(TrialFile.class);
    new UploadReader(findings).read(dir, sink, files);
    return new ValidationReport(findings.sorted(), files, findings.errors(), findings.warnings());
  }
}
