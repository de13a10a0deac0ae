package org.odtrial.ingest.contract;

/** The value types of the data contract. */
public enum ColumnType {
  /** 1 to 32 characters of {@code A-Z a-z 0-9 _ -}. */
  ID,
  /** One of a fixed, case-sensitive list of codes. */
  CODE,
  /** ISO 8601 {@code YYYY-MM-DD}. */
  DATE,
  /** A whole number within [min, max]. */
  INTEGER,
  /** A decimal number (range given per instrument for scores). */
  DECIMAL,
  /** Free text of bounded length [min, max] characters. */
  TEXT
}
