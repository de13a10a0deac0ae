package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.contract.TrialFile;
import org.odtrial.ingest.validate.internal.DirectIdentifiers;
import org.odtrial.ingest.validate.internal.Utf8LineReader;

/**
 * Property-based fuzzing of the CSV reader and the validator: seeded random uploads, each a valid
 * upload broken by a few random mutations (bytes inserted, deleted or flipped; quotes, commas, line
 * ends, byte-order marks, invalid UTF-8, NULs, long cells, identifiers, shuffled headers). For each
 * the properties must hold: no exception escapes, every finding is well-formed, the counts agree
 * with the list, the same input gives the same findings, and no cell looking like an identifier is
 * ever quoted. Bounded (a few hundred uploads, seconds) so the suite stays fast; {@code
 * -Dfuzz.tries=N -Dfuzz.seed=S} runs more. A failure names its seed and writes the smallest failing
 * upload found to target/fuzz-failure-SEED.
 */
class FuzzTest {
  private static final int TRIES = Integer.getInteger("fuzz.tries", 150);
  private static final long SEED = Long.getLong("fuzz.seed", 20261202L);

  private static final Set<String> RULES = new HashSet<>();

  static {
    for (Rule r : Rule.values()) {
      RULES.add(r.id());
    }
  }

  @TempDir Path dir;

  /** A random upload: the five files' bytes. */
  static Map<TrialFile, byte[]> randomUpload(Random r) {
    Map<TrialFile, byte[]> files = new EnumMap<>(TrialFile.class);
    for (TrialFile f : TrialFile.values()) {
      files.put(f, TrialDir.VALID.get(f).getBytes(StandardCharsets.UTF_8));
    }
    int mutations = 1 + r.nextInt(6);
    for (int i = 0; i < mutations; i++) {
      TrialFile f = TrialFile.values()[r.nextInt(TrialFile.values().length)];
      files.put(f, mutate(r, files.get(f)));
    }
    return files;
  }

  private static final String[] INSERTS = {
    "\"",
    "\"\"",
    ",",
    ",,",
    "\n",
    "\r",
    "\r\n",
    "\uFEFF",
    "\u0000",
    ";",
    "NA",
    "-99",
    " ",
    "\u00A0",
    "943 476 5919",
    "SW1A 1AA",
    "jo@example.org",
    "07700 900123",
    "2021-02-30",
    "1e400",
    "-",
    "=1+1",
    "P1",
    "C1",
    "\"a\nb\"",
    "é"
  };

  static byte[] mutate(Random r, byte[] in) {
    byte[] b = in;
    int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
    switch (r.nextInt(9)) {
      case 0 ->
          b = insert(b, at, INSERTS[r.nextInt(INSERTS.length)].getBytes(StandardCharsets.UTF_8));
      case 1 -> {
        int len = Math.min(b.length - at, 1 + r.nextInt(20));
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + len, out, at, b.length - at - len);
        b = out;
      }
      case 2 -> {
        if (b.length > 0) {
          b = b.clone();
          b[r.nextInt(b.length)] = (byte) r.nextInt(256); // any byte, invalid UTF-8 included
        }
      }
      case 3 -> {
        byte[] noise = new byte[1 + r.nextInt(30)];
        r.nextBytes(noise);
        b = insert(b, at, noise);
      }
      case 4 ->
          b =
              insert(
                  b,
                  at,
                  "x".repeat(r.nextInt(3) == 0 ? 70_000 : 300).getBytes(StandardCharsets.UTF_8));
      case 5 -> b = Arrays.copyOf(b, at); // truncated
      case 6 -> {
        // a line repeated
        String s = new String(b, StandardCharsets.UTF_8);
        String[] lines = s.split("\n", -1);
        int k = r.nextInt(lines.length);
        b = (s + lines[k] + "\n").getBytes(StandardCharsets.UTF_8);
      }
      case 7 -> {
        // header cells shuffled
        String s = new String(b, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        if (nl > 0) {
          List<String> cells =
              new java.util.ArrayList<>(List.of(s.substring(0, nl).split(",", -1)));
          java.util.Collections.shuffle(cells, r);
          b = (String.join(",", cells) + s.substring(nl)).getBytes(StandardCharsets.UTF_8);
        }
      }
      default -> b = new byte[0];
    }
    return b;
  }

  private static byte[] insert(byte[] b, int at, byte[] x) {
    byte[] out = new byte[b.length + x.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(x, 0, out, at, x.length);
    System.arraycopy(b, at, out, at + x.length, b.length - at);
    return out;
  }

  private void write(Path d, Map<TrialFile, byte[]> upload) {
    try {
      Files.createDirectories(d);
      for (Map.Entry<TrialFile, byte[]> e : upload.entrySet()) {
        Files.write(d.resolve(e.getKey().fileName()), e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The properties every validation must have; null when they hold, else what broke. */
  private String violation(Path d, Map<TrialFile, byte[]> upload) {
    write(d, upload);
    ValidationReport report;
    try {
      report =
          Validator.of()
              .validate(
                  d,
                  (file, line, values) -> {
                    if (values.length != file.columns().size() || line < 2) {
                      throw new AssertionError("sink got a malformed record at line " + line);
                    }
                  });
    } catch (RuntimeException | AssertionError e) {
      return "exception: " + e;
    }
    long errors = 0;
    for (Finding f : report.findings()) {
      if (f.file() == null
          || f.message() == null
          || f.message().isBlank()
          || !RULES.contains(f.rule())
          || f.line() < 0
          || f.severity() == null) {
        return "malformed finding: " + f;
      }
      errors += f.severity() == Severity.ERROR ? 1 : 0;
      for (String field : new String[] {f.message(), f.record(), f.site(), f.column()}) {
        if (field != null && DirectIdentifiers.kind(field) != null) {
          return "a finding repeats an identifier: " + f;
        }
      }
    }
    if (report.findings().size() < 1000 && errors != report.errors()) {
      return "counted " + report.errors() + " errors but listed " + errors;
    }
    if (upload.hashCode() % 4 == 0
        && !report.findings().equals(Validator.of().validate(d).findings())) {
      return "a second validation of the same files gave other findings";
    }
    return null;
  }

  @Test
  void noUploadBreaksTheValidator() throws IOException {
    Random seeds = new Random(SEED);
    for (int i = 0; i < TRIES; i++) {
      long seed = seeds.nextLong();
      Map<TrialFile, byte[]> upload = randomUpload(new Random(seed));
      Path d = dir.resolve("u" + i);
      String broken = violation(d, upload);
      if (broken != null) {
        Map<TrialFile, byte[]> small = shrink(upload, u -> violation(dir.resolve("s"), u) != null);
        Path keep = Path.of("target", "fuzz-failure-" + seed);
        write(keep, small);
        throw new AssertionError(
            "seed " + seed + ": " + broken + " (smallest failing upload in " + keep + ")");
      }
    }
  }

  /** Halves, then quarters... of each file are cut away while the upload still fails. */
  static Map<TrialFile, byte[]> shrink(
      Map<TrialFile, byte[]> upload, Predicate<Map<TrialFile, byte[]>> fails) {
    Map<TrialFile, byte[]> best = new EnumMap<>(upload);
    for (TrialFile f : TrialFile.values()) {
      for (int chunk = best.get(f).length / 2; chunk >= 1; chunk /= 2) {
        for (int at = 0; at + chunk <= best.get(f).length; ) {
          byte[] b = best.get(f);
          byte[] cut = new byte[b.length - chunk];
          System.arraycopy(b, 0, cut, 0, at);
          System.arraycopy(b, at + chunk, cut, at, b.length - at - chunk);
          Map<TrialFile, byte[]> tried = new EnumMap<>(best);
          tried.put(f, cut);
          if (fails.test(tried)) {
            best = tried;
          } else {
            at += chunk;
          }
        }
      }
    }
    return best;
  }

  @Test
  void theLineReaderDecodesAnyBytesAndCountsLinesInOrder() throws IOException {
    Random seeds = new Random(SEED + 1);
    for (int i = 0; i < TRIES * 4; i++) {
      long seed = seeds.nextLong();
      Random r = new Random(seed);
      byte[] b = new byte[r.nextInt(4000)];
      for (int k = 0; k < b.length; k++) {
        int kind = r.nextInt(10);
        b[k] =
            (byte)
                (kind == 0
                    ? '\n'
                    : kind == 1 ? '\r' : kind == 2 ? '"' : kind == 3 ? ',' : r.nextInt(256));
      }
      long[] lastLine = {0};
      Utf8LineReader reader =
          new Utf8LineReader(
              new ByteArrayInputStream(b),
              (line, offset) -> {
                if (line < lastLine[0] || offset < 0 || offset > b.length) {
                  throw new AssertionError("seed " + seed + ": invalid bytes at line " + line);
                }
                lastLine[0] = line;
              });
      char[] buf = new char[512];
      long chars = 0;
      int n;
      while ((n = reader.read(buf, 0, buf.length)) >= 0) {
        chars += n;
      }
      assertThat(chars).as("seed %d", seed).isLessThanOrEqualTo(b.length);
      long prev = 0;
      for (long p = 0; p <= chars; p += 1 + r.nextInt(50)) {
        long line = reader.lineOf(p);
        assertThat(line).as("seed %d", seed).isGreaterThanOrEqualTo(Math.max(1, prev));
        prev = line;
      }
    }
  }
}
