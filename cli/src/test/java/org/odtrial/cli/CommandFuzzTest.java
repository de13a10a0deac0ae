package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;

/**
 * Property-based fuzzing of validate and ingest as a user runs them: seeded random uploads (the
 * start of the sample trial with lines cut, repeated, reordered or filled with random bytes). Exit
 * codes are 0, 1 or 2 as documented, standard output with --format json always parses, the counts
 * agree with the findings, and nothing is printed on standard error but one-line messages. Bounded;
 * {@code -Dfuzz.tries=N -Dfuzz.seed=S} runs more.
 */
class CommandFuzzTest {
  private static final int TRIES = Integer.getInteger("fuzz.tries", 15);
  private static final long SEED = Long.getLong("fuzz.seed", 20261202L);

  @TempDir Path tmp;

  private void randomUpload(Random r, Path d) throws Exception {
    Files.createDirectories(d);
    for (TrialFile f : TrialFile.values()) {
      List<String> lines =
          new ArrayList<>(Files.readAllLines(SampleData.CLEAN.resolve(f.fileName())));
      lines = new ArrayList<>(lines.subList(0, Math.min(lines.size(), 40)));
      int n = r.nextInt(4);
      for (int i = 0; i < n && !lines.isEmpty(); i++) {
        int k = r.nextInt(lines.size());
        switch (r.nextInt(5)) {
          case 0 -> lines.remove(k);
          case 1 -> lines.add(r.nextInt(lines.size() + 1), lines.get(k));
          case 2 -> lines.set(k, lines.get(k).replaceFirst(",[^,]*", ","));
          case 3 -> {
            byte[] b = new byte[1 + r.nextInt(40)];
            r.nextBytes(b);
            lines.set(k, new String(b, StandardCharsets.ISO_8859_1));
          }
          default -> lines.set(k, lines.get(k) + ",\"" + "q".repeat(r.nextInt(100)));
        }
      }
      Files.write(d.resolve(f.fileName()), lines, StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void exitCodesAndJsonStayWellFormed() throws Exception {
    Random seeds = new Random(SEED);
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < TRIES; i++) {
      long seed = seeds.nextLong();
      Path d = tmp.resolve("u" + i);
      randomUpload(new Random(seed), d);
      Run v = Run.of("validate", d.toString(), "--format", "json");
      assertThat(v.exit()).as("seed %d: %s", seed, v.err()).isIn(0, 1);
      JsonNode report = json.readTree(v.out());
      long errors = 0;
      for (JsonNode f : report.get("findings")) {
        errors += f.get("severity").asText().equals("error") ? 1 : 0;
        // a root cause holds the findings that depend on it
        for (JsonNode c : f.path("consequences")) {
          errors += c.get("severity").asText().equals("error") ? 1 : 0;
        }
      }
      assertThat(report.get("errors").asLong()).as("seed %d", seed).isEqualTo(errors);
      assertThat(v.exit() == 1).as("seed %d", seed).isEqualTo(errors > 0);
      assertThat(v.err()).as("seed %d", seed).isEmpty();

      Run in =
          Run.of(
              "ingest",
              d.toString(),
              "--db",
              tmp.resolve("s" + i + ".db").toString(),
              "--format",
              "json");
      assertThat(in.exit()).as("seed %d: %s", seed, in.err()).isIn(0, 1, 2);
      JsonNode ingested = json.readTree(in.out());
      assertThat(ingested.has("outcome") || ingested.has("error")).as("seed %d", seed).isTrue();
      assertThat(in.err().lines().count()).as("seed %d", seed).isLessThanOrEqualTo(1);
      assertThat(in.err()).doesNotContain("\tat ");
    }
  }
}
