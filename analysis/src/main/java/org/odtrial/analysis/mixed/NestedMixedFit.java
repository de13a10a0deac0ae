package org.odtrial.analysis.mixed;

import java.util.List;
import org.odtrial.analysis.linear.internal.Dense;

/**
 * A REML fit with cluster and nested participant random intercepts ({@link
 * NestedRandomInterceptModel}).
 *
 * @param fixedEffects {@code fixef(fit)}
 * @param vcov {@code vcov(fit)}: sigma^2 (X'V~^-1X)^-1
 * @param thetaParticipant sigma_participant / sigma ({@code getME(fit, "theta")}, first)
 * @param thetaCluster sigma_cluster / sigma ({@code getME(fit, "theta")}, second)
 * @param sigma residual sd ({@code sigma(fit)})
 * @param remlCriterion {@code REMLcrit(fit)}
 * @param singular either theta below 1e-4, as {@code lme4::isSingular}
 * @param observations rows fitted
 * @param participants participants among them
 * @param clusters clusters among them
 * @param kenwardRoger Kenward-Roger at the REML variance components ({@code contest(fit, L, ddf =
 *     "Kenward-Roger")})
 */
public record NestedMixedFit(
    List<String> terms,
    double[] fixedEffects,
    double[][] vcov,
    double thetaParticipant,
    double thetaCluster,
    double sigma,
    double varParticipant,
    double varCluster,
    double varResidual,
    double remlCriterion,
    boolean singular,
    int observations,
    int participants,
    int clusters,
    KenwardRogerFit kenwardRoger,
    List<String> notes) {

  public NestedMixedFit {
    terms = List.copyOf(terms);
    fixedEffects = fixedEffects.clone();
    vcov = Dense.copy(vcov);
    notes = List.copyOf(notes);
  }

  @Override
  public double[] fixedEffects() {
    return fixedEffects.clone();
  }

  @Override
  public double[][] vcov() {
    return Dense.copy(vcov);
  }
}
