package org.odtrial.analysis.estimate;

import java.util.Locale;
import org.odtrial.analysis.results.Estimate;
import org.odtrial.analysis.robust.Cr2;

/** What a reader must know about a CR2 row. */
final class Cr2Notes {
  private Cr2Notes() {}

  /** Notes the clusters whose adjustment matrix is singular (generalised inverse used). */
  static Estimate singular(Estimate e, Cr2 cr2) {
    if (cr2.singularClusters() == 0) {
      return e;
    }
    return e.withNote(
        String.format(
            Locale.ROOT,
            "%d cluster(s) alone identify a model term (e.g. the only cluster of an arm): their"
                + " CR2 adjustment matrix is singular and its generalised inverse square root is"
                + " used, as clubSandwich does; the variance then draws little information from"
                + " them",
            cr2.singularClusters()));
  }
}
