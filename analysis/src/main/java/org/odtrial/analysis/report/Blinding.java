package org.odtrial.analysis.report;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.odtrial.analysis.AnalysisException;

/**
 * How arms are named in a report. Unblinded, arms keep their codes (OD, TAU). Blinded, OD becomes the given label
 * ("Arm A" or "Arm B") and TAU the other one; arm names never appear and the mapping is never printed.
 */
public final class Blinding {
  private static final String OD = "OD";
  private static final String TAU = "TAU";
  private static final String ARM_A = "Arm A";
  private static final String ARM_B = "Arm B";
  /** Words that name an arm in free text (notes, warnings): masked in blinded reports. */
  private static final Pattern ARM_WORDS =
      Pattern.compile("\\b(OD|TAU|Open[ _-]?Dialogue|usual[ _-]?care|treatment as usual)\\b", Pattern.CASE_INSENSITIVE);

  private final String odLabel;

  private Blinding(String odLabel) {
    this.odLabel = odLabel;
  }

  public static Blinding none() {
    return new Blinding(null);
  }

  /** Blinded labels: OD is shown as {@code odLabel}, TAU as the other of "Arm A" and "Arm B". */
  public static Blinding of(String odLabel) {
    if (!ARM_A.equals(odLabel) && !ARM_B.equals(odLabel)) {
      throw new AnalysisException("blinded label must be \"Arm A\" or \"Arm B\", got " + odLabel);
    }
    return new Blinding(odLabel);
  }

  public boolean blinded() {
    return odLabel != null;
  }

  /** The label of an arm code; any other value (e.g. "difference") is returned as given. */
  public String label(String arm) {
    if (!blinded()) {
      return arm;
    }
    if (OD.equals(arm)) {
      return odLabel;
    }
    if (TAU.equals(arm)) {
      return ARM_A.equals(odLabel) ? ARM_B : ARM_A;
    }
    return arm;
  }

  /** Arm codes in display order: OD, TAU unblinded; by label (Arm A first) blinded, so order reveals nothing. */
  public List<String> arms() {
    return !blinded() || ARM_A.equals(odLabel) ? List.of(OD, TAU) : List.of(TAU, OD);
  }

  /**
   * Whether contrasts are shown reversed. Results are always OD vs TAU; a blinded report always shows "Arm A vs Arm
   * B", otherwise the direction of the contrast would reveal which label is OD.
   */
  public boolean reversesContrast() {
    return blinded() && ARM_B.equals(odLabel);
  }

  /** The contrast as shown: "OD vs TAU" or "Arm A vs Arm B". */
  public String contrast() {
    return blinded() ? ARM_A + " vs " + ARM_B : OD + " vs " + TAU;
  }

  /** A file-name-safe form of an arm's label: "od", "tau", "arm-a", "arm-b". */
  public String slug(String arm) {
    return label(arm).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  /** Free text (a note, a warning) with arm names masked when blinded. */
  public String scrub(String text) {
    if (text == null || !blinded()) {
      return text;
    }
    Matcher m = ARM_WORDS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String w = m.group(1);
      String replacement = w.equals(OD) ? label(OD) : w.equals(TAU) ? label(TAU) : "[arm]";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
