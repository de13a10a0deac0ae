package org.odtrial.analysis.results;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;

/**
 * The shortest decimal that reads back to the same double (Java 17's Double.toString is not always
 * shortest).
 */
public final class ShortestDouble {
  private ShortestDouble() {}

  public static String of(double v) {
    return DoubleToDecimal.toString(v);
  }
}
