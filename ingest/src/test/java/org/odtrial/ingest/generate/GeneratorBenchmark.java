package org.odtrial.ingest.generate;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Not a test: times one generator run, for {@code /usr/bin/time -v}. Arguments: output folder,
 * clusters, participants, seed, [dirty rate].
 */
public final class GeneratorBenchmark {
  private GeneratorBenchmark() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    GeneratorOptions options =
        new GeneratorOptions(
            Integer.parseInt(args[1]),
            Integer.parseInt(args[2]),
            Long.parseLong(args[3]),
            args.length > 4 ? Double.parseDouble(args[4]) : 0.0);
    long start = System.nanoTime();
    GenerationSummary summary = TrialGenerator.of(options).writeTo(dir);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%s%n", options);
    System.out.printf(Locale.ROOT, "rows %s%n", summary.rows());
    System.out.printf(Locale.ROOT, "mistakes %d %s%n", summary.totalMistakes(), summary.mistakes());
    System.out.printf(Locale.ROOT, "generation %.2f s%n", seconds);
  }
}
