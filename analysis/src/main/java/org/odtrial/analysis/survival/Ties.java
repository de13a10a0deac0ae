package org.odtrial.analysis.survival;

/** Handling of tied event times in the Cox partial likelihood, as coxph's {@code ties}. */
public enum Ties {
  /** Efron's approximation (coxph's default). */
  EFRON,
  /** Breslow's approximation. */
  BRESLOW
}
