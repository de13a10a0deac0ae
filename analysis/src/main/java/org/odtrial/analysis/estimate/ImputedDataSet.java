package org.odtrial.analysis.estimate;

import java.util.List;
import org.odtrial.analysis.data.Participant;

/**
 * One completed data set of the multiple-imputation analysis of one instrument and month: every
 * participant's baseline and month-M score, observed or imputed. It is what {@code
 * recovery.I.mM.mi} analysed in imputation {@code imputation}, and what {@code odtrial analyse
 * --export-imputations} writes.
 *
 * @param imputation 1..imputations
 * @param participants all participants, in the analysis data's order
 * @param score0 baseline scores (observed or imputed)
 * @param scoreMonth month-M scores (observed or imputed)
 * @param imputed0 which baseline scores were imputed
 * @param imputedMonth which month-M scores were imputed
 */
public record ImputedDataSet(
    String instrument,
    int month,
    int imputation,
    int imputations,
    List<Participant> participants,
    double[] score0,
    double[] scoreMonth,
    boolean[] imputed0,
    boolean[] imputedMonth) {

  public ImputedDataSet {
    participants = List.copyOf(participants);
    score0 = score0.clone();
    scoreMonth = scoreMonth.clone();
    imputed0 = imputed0.clone();
    imputedMonth = imputedMonth.clone();
  }

  @Override
  public double[] score0() {
    return score0.clone();
  }

  @Override
  public double[] scoreMonth() {
    return scoreMonth.clone();
  }

  @Override
  public boolean[] imputed0() {
    return imputed0.clone();
  }

  @Override
  public boolean[] imputedMonth() {
    return imputedMonth.clone();
  }
}
