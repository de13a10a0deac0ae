package org.odtrial.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;

/** Same options, same bytes; another seed, other bytes. */
class TrialGeneratorDeterminismTest {

  @Test
  void sameSeedGivesIdenticalFiles(@TempDir Path a, @TempDir Path b) throws Exception {
    GeneratorOptions options = GeneratorOptions.of(24, 3000, 42);
    TrialGenerator.of(options).writeTo(a);
    TrialGenerator.of(options).writeTo(b);
    assertThat(hashes(b)).isEqualTo(hashes(a));
  }

  @Test
  void sameSeedGivesIdenticalDirtyFiles(@TempDir Path a, @TempDir Path b) throws Exception {
    GeneratorOptions options = GeneratorOptions.of(24, 3000, 42).withDirtyRate(0.02);
    GenerationSummary first = TrialGenerator.of(options).writeTo(a);
    GenerationSummary second = TrialGenerator.of(options).writeTo(b);
    assertThat(hashes(b)).isEqualTo(hashes(a));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void differentSeedGivesDifferentFiles(@TempDir Path a, @TempDir Path b) throws Exception {
    TrialGenerator.of(GeneratorOptions.of(24, 3000, 42)).writeTo(a);
    TrialGenerator.of(GeneratorOptions.of(24, 3000, 43)).writeTo(b);
    Map<TrialFile, String> first = hashes(a);
    Map<TrialFile, String> second = hashes(b);
    for (TrialFile file : TrialFile.values()) {
      assertThat(second.get(file)).as(file.fileName()).isNotEqualTo(first.get(file));
    }
  }

  @Test
  void rewritingIntoTheSameFolderReplacesTheFiles(@TempDir Path a, @TempDir Path b)
      throws Exception {
    TrialGenerator.of(GeneratorOptions.of(10, 500, 5)).writeTo(a);
    TrialGenerator.of(GeneratorOptions.of(12, 900, 6)).writeTo(b);
    TrialGenerator.of(GeneratorOptions.of(10, 500, 5)).writeTo(b);
    assertThat(hashes(b)).isEqualTo(hashes(a));
  }

  static Map<TrialFile, String> hashes(Path dir) throws IOException, NoSuchAlgorithmException {
    Map<TrialFile, String> hashes = new EnumMap<>(TrialFile.class);
    for (TrialFile file : TrialFile.values()) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      hashes.put(
          file,
          HexFormat.of().formatHex(sha.digest(Files.readAllBytes(dir.resolve(file.fileName())))));
    }
    return hashes;
  }
}
