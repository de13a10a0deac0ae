package org.odtrial.analysis.competing;

import java.util.List;
import org.odtrial.analysis.survival.CoxFit;

/**
 * A fitted Fine-Gray model.
 *
 * @param cox the Cox fit with Fine-Gray risk sets: exp(coef) are the subdistribution hazard ratios,
 *     the robust variance is clustered by subject or by the given clusters; its {@code n} counts
 *     subjects, not the expanded rows of R's finegray
 * @param subjects subjects (input observations)
 * @param events events of the cause of interest
 * @param competingEvents events of every other cause
 * @param notes what a reader must know beyond the Cox fit's own notes
 */
public record FineGrayFit(
    CoxFit cox, int subjects, int events, int competingEvents, List<String> notes) {

  public FineGrayFit {
    notes = List.copyOf(notes);
  }
}
