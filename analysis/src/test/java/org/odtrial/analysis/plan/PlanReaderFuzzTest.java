package org.odtrial.analysis.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.analysis.AnalysisException;

/**
 * Property-based fuzzing of the plan reader: seeded random plan files, each the default plan broken
 * by a few random mutations (characters cut, JSON tokens inserted, numbers made huge or negative,
 * keys repeated, deep nesting, random bytes). Every file either reads as a plan that passes the
 * plan's own checks, or is refused with an {@link AnalysisException} naming the file: no other
 * exception, ever. Bounded; {@code -Dfuzz.tries=N -Dfuzz.seed=S} runs more.
 */
class PlanReaderFuzzTest {
  private static final int TRIES = Integer.getInteger("fuzz.tries", 600);
  private static final long SEED = Long.getLong("fuzz.seed", 20261202L);

  private static final String[] TOKENS = {
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "-1",
    "0",
    "1e999",
    "-0",
    "3653",
    "3654",
    "\"QPR\"",
    "\"x\"",
    "\"horizon_days\": 30,",
    "\"recovery\": {},",
    "[[[[[[[[",
    "\\u0000",
    "\"km_conf_type\": \"plain\",",
    "NaN",
    "\uFEFF",
    "9223372036854775808"
  };

  @TempDir Path dir;

  static String mutate(Random r, String plan) {
    String s = plan;
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      int at = r.nextInt(s.length() + 1);
      switch (r.nextInt(6)) {
        case 0 -> s = s.substring(0, at) + TOKENS[r.nextInt(TOKENS.length)] + s.substring(at);
        case 1 -> s = s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(8)));
        case 2 -> s = s.replaceFirst("\\d+", r.nextBoolean() ? "99999999999" : "-" + r.nextInt(10));
        case 3 -> s = s.substring(0, at);
        case 4 -> s = s.substring(0, at) + "[".repeat(2000) + s.substring(at);
        default -> {
          char[] c = s.toCharArray();
          if (c.length > 0) {
            c[r.nextInt(c.length)] = (char) r.nextInt(0x3000);
          }
          s = new String(c);
        }
      }
    }
    return s;
  }

  @Test
  void everyPlanFileReadsOrIsRefusedWithAnAnalysisException() throws Exception {
    String plan = AnalysisPlan.defaults().toJson();
    Random seeds = new Random(SEED);
    int read = 0;
    for (int i = 0; i < TRIES; i++) {
      long seed = seeds.nextLong();
      Random r = new Random(seed);
      Path f = dir.resolve("plan.json");
      if (r.nextInt(20) == 0) {
        byte[] b = new byte[r.nextInt(200)];
        r.nextBytes(b);
        Files.write(f, b);
      } else {
        Files.writeString(f, mutate(r, plan), StandardCharsets.UTF_8);
      }
      try {
        AnalysisPlan p = PlanReader.read(f);
        assertThat(p.horizonDays()).as("seed %d", seed).isBetween(1, PlanReader.MAX_HORIZON_DAYS);
        read++;
      } catch (AnalysisException e) {
        assertThat(e.getMessage())
            .as("seed %d", seed)
            .contains("plan.json")
            .doesNotContain("Exception");
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("seed " + seed + ": " + e + "\n" + Files.readString(f), e);
      }
    }
    assertThat(read).as("some mutated plans are still valid plans").isPositive();
  }
}
