package org.odtrial.analysis.survival;

/** Transform used for pointwise survival confidence intervals, as survfit's {@code conf.type}. */
public enum ConfType {
  /**
   * {@code conf.type = "log"} (survfit's default): exp(log S +- z se(log S)), upper capped at 1.
   */
  LOG,
  /** {@code conf.type = "log-log"}: exp(-exp(log(-log S) -+ z se / log S)). */
  LOG_LOG,
  /** {@code conf.type = "plain"}: S +- z S se(log S), truncated to [0, 1]. */
  PLAIN
}
