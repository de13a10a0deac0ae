package org.odtrial.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.Severity;

/** The committed sample-data/ is exactly what the generator writes today. */
class SampleDataTest {
  /** Surefire runs in the module folder (ingest/); the sample data is at the repository root. */
  private static final Path COMMITTED = Path.of("..", "sample-data");

  @Test
  void committedSampleDataIsByteIdenticalToARegeneration(@TempDir Path fresh) throws IOException {
    assertThat(COMMITTED.resolve("README.md"))
        .as("sample-data/ relative to " + Path.of("").toAbsolutePath())
        .exists();
    GenerationSummary dirty = SampleData.write(fresh);
    assertThat(dirty.mistakes().values())
        .as("every kind of mistake is in dirty/")
        .allSatisfy(n -> assertThat(n).isPositive());
    for (String name : files()) {
      assertThat(Files.readAllBytes(COMMITTED.resolve(name)))
          .as(name + " (regenerate with SampleData, see sample-data/README.md)")
          .isEqualTo(Files.readAllBytes(fresh.resolve(name)));
    }
  }

  @Test
  void cleanSampleIsValidAndDirtySampleIsNot() throws IOException {
    assertThat(ContractCheck.check(COMMITTED))
        .filteredOn(i -> i.severity() == Severity.ERROR)
        .isEmpty();
    assertThat(ContractCheck.check(COMMITTED.resolve("next")))
        .filteredOn(i -> i.severity() == Severity.ERROR)
        .isEmpty();
    assertThat(ContractCheck.check(COMMITTED.resolve("dirty")))
        .filteredOn(i -> i.severity() == Severity.ERROR)
        .isNotEmpty();
  }

  private static List<String> files() {
    List<String> names = new java.util.ArrayList<>();
    names.add("README.md");
    for (TrialFile file : TrialFile.values()) {
      names.add(file.fileName());
      names.add("dirty/" + file.fileName());
      names.add("next/" + file.fileName());
    }
    return names;
  }
}
