package org.odtrial.analysis.glm;

import java.util.List;

/**
 * exp(coefficient) of one term with a 95% Wald interval and two-sided normal p-value computed from
 * {@code se} (the cluster-robust se when clusters were given, else the model se). {@code
 * logEstimate}, {@code se} and {@code modelSe} are on the log scale. When the term has no finite
 * estimate every number is null and {@code notes} says why.
 */
public record RateRatio(
    String term,
    Double estimate,
    Double logEstimate,
    Double se,
    Double modelSe,
    Double ciLow,
    Double ciHigh,
    Double pValue,
    List<String> notes) {
  public RateRatio {
    notes = List.copyOf(notes);
  }
}
