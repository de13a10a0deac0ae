package org.odtrial.analysis.simulate;

/**
 * What the generator says about one results row.
 *
 * @param value the true value on the row's natural scale (a ratio is a ratio), or null where the
 *     generator does not define one (no bias or coverage is computed then)
 * @param nullHolds whether the null hypothesis behind the row's p-value holds in the generator (its
 *     rejection rate is then a type I error); false where it does not (the rejection rate is
 *     power); null where the generator does not say
 * @param note how the true value relates to what the row estimates, where it is not exactly that
 */
public record Truth(Double value, Boolean nullHolds, String note) {

  /** Nothing is known. */
  public static final Truth NONE = new Truth(null, null, null);
}
