package org.odtrial.ingest.generate;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import org.odtrial.ingest.IngestException;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.generate.internal.Cluster;
import org.odtrial.ingest.generate.internal.CountingSink;
import org.odtrial.ingest.generate.internal.MistakeInjector;
import org.odtrial.ingest.generate.internal.ParticipantSimulator;
import org.odtrial.ingest.generate.internal.Rng;
import org.odtrial.ingest.generate.internal.RowLists;
import org.odtrial.ingest.generate.internal.RowSink;
import org.odtrial.ingest.generate.internal.TrialDesign;
import org.odtrial.ingest.generate.internal.UploadWriter;

/**
 * Writes a seeded synthetic ODDESSI-style trial as a contract-v1 upload. It streams: clusters one
 * by one, participants one by one, each participant's rows going straight into the five open files,
 * so memory does not grow with the number of participants. The same options give the same bytes.
 * The true effects are in {@link TrueEffects}.
 */
public final class TrialGenerator {
  /** How often progress is reported, in participants. */
  static final long PROGRESS_EVERY = 10_000;

  private final GeneratorOptions options;

  private TrialGenerator(GeneratorOptions options) {
    this.options = options;
  }

  public static TrialGenerator of(GeneratorOptions options) {
    return new TrialGenerator(options);
  }

  public GeneratorOptions options() {
    return options;
  }

  /** Writes the five CSV files into {@code dir} (created if missing, files replaced). */
  public GenerationSummary writeTo(Path dir) {
    return writeTo(dir, n -> {});
  }

  /**
   * As {@link #writeTo(Path)}, telling {@code progress} the number of participants written so far
   * every 10,000 participants and once at the end.
   */
  public GenerationSummary writeTo(Path dir, LongConsumer progress) {
    try (UploadWriter out = new UploadWriter(dir)) {
      return generate(out, progress);
    } catch (UncheckedIOException e) {
      throw new IngestException(
          String.format(
              Locale.ROOT,
              "cannot write the synthetic trial to %s: %s",
              dir,
              e.getCause().getMessage()),
          e.getCause());
    }
  }

  /**
   * The same trial held in memory: the rows {@link #writeTo(Path)} would write, unformatted as CSV.
   */
  public GeneratedTrial generate() {
    RowLists out = new RowLists();
    GenerationSummary summary = generate(out, n -> {});
    return new GeneratedTrial(summary, out.lists());
  }

  private GenerationSummary generate(CountingSink out, LongConsumer progress) {
    TrialDesign design =
        TrialDesign.create(
            options.clusters(), options.sites(), options.participants(), options.seed());
    MistakeInjector injector =
        options.dirtyRate() > 0
            ? new MistakeInjector(out, options.dirtyRate(), options.seed(), options.participants())
            : null;
    RowSink sink = injector == null ? out : injector;
    ParticipantSimulator simulator =
        new ParticipantSimulator(
            sink,
            options.seed(),
            design.participantDigits(),
            options.effectScale(),
            options.missingAtRandom(),
            options.nonCompliance());
    long written = 0;
    for (Cluster cluster : design.clusters()) {
      simulator.cluster(cluster);
      Rng rng = simulator.streamFor(cluster);
      for (int i = 0; i < cluster.size(); i++) {
        simulator.participant(cluster, cluster.firstParticipant() + i, rng);
        written++;
        if (written % PROGRESS_EVERY == 0) {
          progress.accept(written);
        }
      }
    }
    progress.accept(written);
    Map<TrialFile, Long> rows = new EnumMap<>(TrialFile.class);
    for (TrialFile file : TrialFile.values()) {
      rows.put(file, out.rows(file));
    }
    Map<MistakeKind, Long> mistakes = new EnumMap<>(MistakeKind.class);
    for (MistakeKind kind : MistakeKind.values()) {
      mistakes.put(kind, injector == null ? 0L : injector.counts().get(kind));
    }
    return new GenerationSummary(
        rows,
        design.sites(),
        design.clusters().size(),
        written,
        mistakes,
        injector == null ? List.of() : injector.listed());
  }
}
