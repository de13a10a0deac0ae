package org.odtrial.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.IngestException;

/** Options are checked up front, and a folder that cannot be written is reported as such. */
class GeneratorOptionsTest {

  @Test
  void ofIsCleanAndWithDirtyRateKeepsTheRest() {
    GeneratorOptions o = GeneratorOptions.of(12, 300, 9);
    assertThat(o.dirtyRate()).isZero();
    assertThat(o.withDirtyRate(0.05)).isEqualTo(new GeneratorOptions(12, 300, 9, 0.05));
  }

  @Test
  void impossibleOptionsAreRejected() {
    assertThatThrownBy(() -> GeneratorOptions.of(0, 10, 1))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("clusters");
    assertThatThrownBy(() -> GeneratorOptions.of(3, -1, 1))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("participants");
    assertThatThrownBy(() -> GeneratorOptions.of(3, 10, 1).withDirtyRate(1.0))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("dirtyRate");
    assertThatThrownBy(() -> GeneratorOptions.of(3, 10, 1).withDirtyRate(Double.NaN))
        .isInstanceOf(IngestException.class);
    assertThatThrownBy(() -> GeneratorOptions.of(3, 10, 1).withDirtyRate(-0.1))
        .isInstanceOf(IngestException.class);
  }

  @Test
  void aFileInTheWayIsAnIngestException(@TempDir Path dir) throws IOException {
    Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
    assertThatThrownBy(() -> TrialGenerator.of(GeneratorOptions.of(2, 20, 1)).writeTo(blocker))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("cannot write the synthetic trial");
  }

  @Test
  void trueEffectsAreDescribedForHelpScreens() {
    assertThat(TrueEffects.describe()).isNotEmpty();
    assertThat(String.join("\n", TrueEffects.describe()))
        .contains("hazard ratio OD vs TAU 0.75")
        .contains("rate ratio OD vs TAU 0.80")
        .contains("+2.5 points");
  }
}
