package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.validate.internal.DirectIdentifiers;

/** Detection and false-positive rates on the corpus of docs/data-dictionary.md. */
class IdentifierCorpusTest {
  @TempDir Path tmp;

  @Test
  void everyPlantedIdentifierIsFoundAsWhatItIs() {
    List<IdentifierCorpus.Planted> planted = IdentifierCorpus.planted();
    assertThat(planted).hasSizeGreaterThan(1500);
    assertThat(planted)
        .allSatisfy(
            p ->
                assertThat(DirectIdentifiers.kind(p.cell()))
                    .as("%s: %s", p.family(), p.cell())
                    .isEqualTo(p.kind()));
  }

  @Test
  void cleanTrialValuesPass() {
    List<IdentifierCorpus.Clean> clean = new java.util.ArrayList<>(IdentifierCorpus.cleanValues());
    clean.add(IdentifierCorpus.generatedTrialCells(tmp, 2, 1_000));
    Map<String, long[]> fp =
        IdentifierCorpus.falsePositives(clean, v -> DirectIdentifiers.kind(v) != null);
    for (Map.Entry<String, long[]> e : fp.entrySet()) {
      long flagged = e.getValue()[0];
      long total = e.getValue()[1];
      if (e.getKey().startsWith("random ids")) {
        // a random 6-character id can have a postcode's shape (H3Z1HP): rare, never zero
        assertThat(flagged).as(e.getKey()).isLessThan(total / 100);
      } else {
        assertThat(flagged).as(e.getKey()).isZero();
      }
    }
  }
}
