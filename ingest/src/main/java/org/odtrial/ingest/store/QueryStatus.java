package org.odtrial.ingest.store;

import java.util.Locale;

/**
 * Where a data query stands. {@link #NEW}, {@link #OPEN} and {@link #RESOLVED} follow the data from
 * load to load; {@link #CONFIRMED} and {@link #WILL_CORRECT} are the answers a data manager
 * records.
 */
public enum QueryStatus {
  /** Raised for the first time by the latest load, not answered. */
  NEW,
  /** Raised by the latest load and raised before (or raised again after being resolved). */
  OPEN,
  /** The site will correct the value; the query stays until the data no longer raises it. */
  WILL_CORRECT,
  /**
   * The site confirmed the value is correct: the query is not raised again unless the value (the
   * finding's message, which states the values compared) changes.
   */
  CONFIRMED,
  /** The latest load no longer raises it. */
  RESOLVED;

  /** The label used in every output and in answer files, e.g. {@code will-correct}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the query still asks something of the site (new, open or will-correct). */
  public boolean pending() {
    return this == NEW || this == OPEN || this == WILL_CORRECT;
  }

  /** Whether a data manager can record this status as an answer. */
  public boolean isAnswer() {
    return this == CONFIRMED || this == WILL_CORRECT;
  }

  /**
   * The status written as {@code text}, forgiving case, spaces and underscores ({@code Will
   * correct}); null if it is none.
   */
  public static QueryStatus parse(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
    for (QueryStatus s : values()) {
      if (s.label().equals(t)) {
        return s;
      }
    }
    return null;
  }
}
