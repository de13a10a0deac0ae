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
          "Threads to compute the analysis's row groups on; default: one per processor. The"
              + " results are the same whatever N is; 1 computes them one after another.")
  Integer threads;

  /** The number of threads asked for, or one per processor. */
  int threads() {
    return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
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
