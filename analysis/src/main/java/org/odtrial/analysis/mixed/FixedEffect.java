package org.odtrial.analysis.mixed;

/**
 * One fixed effect with its se, Satterthwaite df, t value, 95% t interval and two-sided p-value.
 */
public record FixedEffect(
    String term,
    double estimate,
    double se,
    double df,
    double tValue,
    double ciLow,
    double ciHigh,
    double pValue) {}
