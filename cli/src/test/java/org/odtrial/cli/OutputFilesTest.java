package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -o FILE with every format of every command that takes it: the exit code says what happened. */
class OutputFilesTest {
  @TempDir static Path tmp;
  static Path db;

  @BeforeAll
  static void twoLoads() throws Exception {
    db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    assertThat(Run.of("ingest", SampleData.NEXT.toString(), "--db", db.toString()).exit()).isZero();
  }

  private static void check(int exit, String format, String... args) throws Exception {
    Path out =
        tmp.resolve(
            "out-" + String.join("-", args).replaceAll("[^A-Za-z0-9-]", "_") + "." + format);
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--format";
    all[args.length + 1] = format;
    all[args.length + 2] = "-o";
    all[args.length + 3] = out.toString();
    Run r = Run.of(all);
    assertThat(r.exit()).as("%s: %s", String.join(" ", all), r.err()).isEqualTo(exit);
    assertThat(r.err()).doesNotContain("Stream closed").doesNotContain("Exception");
    assertThat(r.out()).isEmpty();
    assertThat(out).isNotEmptyFile();
    if (format.equals("json")) {
      new ObjectMapper().readTree(out.toFile()); // one well-formed object
    }
    if (format.equals("html")) {
      assertThat(Files.readString(out)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    }
  }

  @Test
  void validateWritesEveryFormatToAFile() throws Exception {
    for (String format : List.of("text", "json", "csv", "html")) {
      check(0, format, "validate", SampleData.CLEAN.toString());
      check(1, format, "validate", SampleData.DIRTY.toString());
    }
  }

  @Test
  void storedWarningsQueriesAndDiffWriteEveryFormatToAFile() throws Exception {
    for (String format : List.of("text", "json", "csv", "html")) {
      check(0, format, "warnings", "--db", db.toString());
      check(0, format, "warnings", "--db", db.toString(), "--load", "1");
    }
    for (String format : List.of("text", "json", "csv", "xlsx")) {
      check(0, format, "queries", "--db", db.toString());
    }
    for (String format : List.of("text", "json", "csv")) {
      check(0, format, "diff", "--db", db.toString());
    }
  }

  @Test
  void formatsACommandDoesNotWriteAreUsageErrors() {
    assertThat(Run.of("validate", SampleData.CLEAN.toString(), "--format", "html").exit())
        .isEqualTo(2); // a page needs -o
    assertThat(Run.of("validate", SampleData.CLEAN.toString(), "--format", "xlsx").exit())
        .isEqualTo(2);
    assertThat(Run.of("queries", "--db", db.toString(), "--format", "xlsx").exit()).isEqualTo(2);
    assertThat(Run.of("diff", "--db", db.toString(), "--format", "html").exit()).isEqualTo(2);
    assertThat(Run.of("loads", "--db", db.toString(), "--format", "html").exit()).isEqualTo(2);
    Run site = Run.of("validate", SampleData.CLEAN.toString(), "--site", "T99");
    assertThat(site.exit()).isEqualTo(2);
    assertThat(site.err()).contains("there is no site T99", "T01, T02, T03, T04");
  }
}
