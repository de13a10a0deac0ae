package org.odtrial.analysis.linear;

/**
 * One OLS coefficient (e.g. the OD - TAU mean difference) with its robust se, model se, the t
 * reference df and the resulting 95% interval and p-value.
 */
public record Coefficient(
    String term,
    double estimate,
    double se,
    double modelSe,
    double df,
    double ciLow,
    double ciHigh,
    double pValue,
    int n,
    Integer clusters) {}
