package org.odtrial.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;

class FilteredReadTest {
  @TempDir Path dir;

  @Test
  void aFilteredReadReturnsExactlyTheMatchingRecordsInKeyOrder() {
    try (TrialStore store = TrialStore.open(dir.resolve("t.odtrial"))) {
      Upload.small().loadInto(store, Instant.parse("2026-01-01T00:00:00Z"));
      int instrument = TrialFile.OUTCOMES.indexOf("instrument");
      List<String[]> all = new ArrayList<>();
      store.read(TrialFile.OUTCOMES, 1, all::add);
      Set<String> present = Set.of(all.get(0)[instrument]);
      List<String[]> filtered = new ArrayList<>();
      store.read(TrialFile.OUTCOMES, 1, "instrument", present, filtered::add);
      assertThat(filtered)
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactlyElementsOf(
              all.stream().filter(v -> present.contains(v[instrument])).toList());
      List<String[]> none = new ArrayList<>();
      store.read(TrialFile.OUTCOMES, 1, "instrument", Set.of("NOPE"), none::add);
      assertThat(none).isEmpty();
      assertThatThrownBy(
              () ->
                  store.read(
                      TrialFile.OUTCOMES, 1, "bogus; DROP TABLE loads", Set.of("x"), v -> {}))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("has no column");
    }
  }
}
