package org.odtrial.analysis.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.load.Ingestor;
import org.odtrial.ingest.store.TrialStore;

/**
 * A store verifies and reads admissions, outcomes and network meetings at once, so the derivation
 * gets their records interleaved: it must derive exactly what it derives from the files one after
 * the other.
 */
class InterleavedDerivationTest {
  @TempDir Path dir;

  private static final List<TrialFile> LATER =
      List.of(TrialFile.ADMISSIONS, TrialFile.OUTCOMES, TrialFile.NETWORK_MEETINGS);

  private static Map<TrialFile, List<String[]>> records(RecordSource source) {
    Map<TrialFile, List<String[]>> all = new EnumMap<>(TrialFile.class);
    for (TrialFile f : TrialFile.values()) {
      List<String[]> list = new ArrayList<>();
      source.forEach(f, list::add);
      all.put(f, list);
    }
    return all;
  }

  /** The later files' records fed round robin, {@code step} records of each at a time. */
  private static AnalysisData interleaved(
      Derivation derivation, Map<TrialFile, List<String[]>> all, int step, boolean backwards) {
    Derivation.Reader reader = derivation.reader();
    for (TrialFile f : List.of(TrialFile.CLUSTERS, TrialFile.PARTICIPANTS)) {
      all.get(f).forEach(reader.file(f));
    }
    Map<TrialFile, Consumer<String[]>> consumers = new EnumMap<>(TrialFile.class);
    LATER.forEach(f -> consumers.put(f, reader.file(f)));
    List<TrialFile> turns = new ArrayList<>(LATER);
    if (backwards) {
      java.util.Collections.reverse(turns);
    }
    int[] at = new int[TrialFile.values().length];
    boolean more = true;
    while (more) {
      more = false;
      for (TrialFile f : turns) {
        List<String[]> list = all.get(f);
        for (int i = 0; i < step && at[f.ordinal()] < list.size(); i++) {
          consumers.get(f).accept(list.get(at[f.ordinal()]++));
        }
        more |= at[f.ordinal()] < list.size();
      }
    }
    return reader.data();
  }

  /**
   * Everything derived, as text (records print every field; doubles print exactly), in order: a
   * field-by-field comparison of 600 participants takes seconds.
   */
  private static String text(AnalysisData d) {
    StringBuilder b = new StringBuilder();
    b.append(d.horizonDays()).append('\n');
    d.clusters().forEach(c -> b.append(c).append('\n'));
    d.participants().forEach(p -> b.append(p).append('\n'));
    d.meetings().forEach(m -> b.append(m).append('\n'));
    d.scores().entrySet().stream()
        .sorted(
            java.util.Comparator.comparing(
                    (Map.Entry<AnalysisData.ScoreKey, double[]> e) -> e.getKey().instrument())
                .thenComparingInt(e -> e.getKey().timepoint()))
        .forEach(
            e -> b.append(e.getKey()).append(java.util.Arrays.toString(e.getValue())).append('\n'));
    return b.toString();
  }

  @Test
  void recordsOfTheLaterFilesInterleavedDeriveWhatTheFilesOneAfterTheOtherDerive() {
    Map<TrialFile, List<String[]>> all = records(ExampleTrialSource.upload());
    Derivation derivation = Derivation.of(730);
    AnalysisData expected = derivation.derive(ExampleTrialSource.upload());
    assertThat(expected.meetings()).isNotEmpty();
    for (int step : new int[] {1, 7, 1000}) {
      for (boolean backwards : new boolean[] {false, true}) {
        assertThat(text(interleaved(derivation, all, step, backwards)))
            .as("step %d%s", step, backwards ? ", backwards" : "")
            .isEqualTo(text(expected));
      }
    }
  }

  @Test
  void aStoreVerifiedAndReadInOnePassDerivesWhatItsLoadReadAloneDerives() throws Exception {
    Path upload = DerivationTest.exampleTrial();
    Path db = dir.resolve("trial.db");
    Ingestor.of("test").ingest(upload, db);
    Derivation derivation = Derivation.of(730).withInstruments(java.util.Set.of("QPR"));
    try (TrialStore store = TrialStore.open(db)) {
      StoredLoad load = StoredLoad.of(store, Optional.empty());
      AnalysisData expected = derivation.derive(load);
      AnalysisData fused = load.verifiedDerive(derivation, v -> assertThat(v.intact()).isTrue());
      assertThat(text(fused)).isEqualTo(text(expected));
      assertThat(fused.scores()).isNotEmpty();
    }
  }
}
