package org.odtrial.ingest.validate;

import java.util.Locale;

/** An error stops an upload; a warning is stored with it and reported for a data query. */
public enum Severity {
  ERROR,
  WARNING;

  /** Lower-case label used in every output format. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
