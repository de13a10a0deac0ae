package org.odtrial.ingest.generate;

import java.util.EnumSet;
import java.util.Set;
import org.odtrial.ingest.contract.TrialFile;

/** The kinds of data-entry mistake a dirty trial carries, each with the files it can occur in. */
public enum MistakeKind {
  /** A date written day-first with slashes, e.g. {@code 03/04/2021}. */
  DATE_SLASHES(EnumSet.allOf(TrialFile.class)),
  /** A date written as an Excel serial day number, e.g. {@code 44289}. */
  DATE_EXCEL_SERIAL(EnumSet.allOf(TrialFile.class)),
  /**
   * A missing-data code ({@code NA}, {@code N/A}, {@code -99}, {@code -999}) typed into a typed
   * cell.
   */
  MISSING_CODE(EnumSet.allOf(TrialFile.class)),
  /** A code with the wrong case or a leading space, e.g. {@code Female}, {@code " OD"}. */
  CODE_CASE(EnumSet.allOf(TrialFile.class)),
  /** An age outside 16-110. */
  AGE_OUT_OF_RANGE(EnumSet.of(TrialFile.PARTICIPANTS)),
  /** A row entered twice, so its key is duplicated (the copy is the later line). */
  DUPLICATE_ID(EnumSet.allOf(TrialFile.class)),
  /** A participant_id that is not in participants.csv. */
  ORPHAN_PARTICIPANT(
      EnumSet.of(TrialFile.ADMISSIONS, TrialFile.OUTCOMES, TrialFile.NETWORK_MEETINGS)),
  /** followup_end before baseline_date. */
  FOLLOWUP_BEFORE_BASELINE(EnumSet.of(TrialFile.PARTICIPANTS)),
  /**
   * A synthetic NHS-number-like value (999 prefix, valid modulus-11 check digit) in the stratum
   * text.
   */
  NHS_NUMBER_IN_TEXT(EnumSet.of(TrialFile.CLUSTERS)),
  /** A fake e-mail address ({@code @example.org}) in the stratum text. */
  EMAIL_IN_TEXT(EnumSet.of(TrialFile.CLUSTERS));

  private final Set<TrialFile> files;

  MistakeKind(Set<TrialFile> files) {
    this.files = files;
  }

  /** Whether this kind of mistake can be made in a row of {@code file}. */
  public boolean appliesTo(TrialFile file) {
    return files.contains(file);
  }

  /** Whether this kind can only be made in {@code file}. */
  public boolean onlyIn(TrialFile file) {
    return files.size() == 1 && files.contains(file);
  }
}
