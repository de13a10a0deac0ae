package org.odtrial.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How many threads an analysis computes its row groups on: shared by {@code analyse}, {@code
 * report} and {@code run}. The results are the same bytes whatever the number.
 */
public final class ThreadsOption {
  @Option(
      names = "--threads",
      paramLabel = "N",
      converter = AtLeastOne.class,
      description =
          "Threads to compute the analysis's row groups on; default: one per processor up to"
              + " 250,000 participants, one above that (groups computed at once each hold their"
              + " own working data). The results are the same whatever N is; 1 computes them one"
              + " after another. A report's tables, figures and files are built on N threads too"
              + " (default: one per processor, at any size); the same bytes whatever N is.")
  Integer threads;

  /**
   * Participants above which the default is one thread: each group computed at the same time holds
   * its own working copies of the data, and at a million participants two at once ran out of the
   * launcher's 1 GiB heap where one thread needed 1.3 GiB resident (docs/performance.md).
   */
  static final int CONCURRENT_UP_TO = 250_000;

  /** The number of threads asked for, or 0 for the default (see {@link #forData}). */
  int requested() {
    return threads == null ? 0 : threads;
  }

  /**
   * The threads for an analysis of {@code participants}: {@code requested} when it is at least 1,
   * otherwise one per processor up to {@link #CONCURRENT_UP_TO} participants and one above.
   */
  static int forData(int requested, int participants) {
    if (requested > 0) {
      return requested;
    }
    return participants > CONCURRENT_UP_TO ? 1 : Runtime.getRuntime().availableProcessors();
  }

  /**
   * The threads a report's tables, figures and files are built on: {@code requested} when it is at
   * least 1, otherwise one per processor (they hold little beside the analysis data at any size).
   */
  static int forReport(int requested) {
    return requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
  }

  /** A whole number of at least 1. */
  static final class AtLeastOne implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int n;
      try {
        n = Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a whole number");
      }
      if (n < 1) {
        throw new TypeConversionException(
            String.format(Locale.ROOT, "must be at least 1, was %d", n));
      }
      return n;
    }
  }
}
