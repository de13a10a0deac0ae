package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An answered list that is not a file is a usage error at once, never a wait for ever. */
class QueriesImportInputTest {
  @TempDir Path tmp;

  @Test
  void aFolderOrAPipeIsRefusedAtOnce() throws Exception {
    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    Path folder = Files.createDirectories(tmp.resolve("answers.csv"));
    Run dir = Run.of("queries", "import", folder.toString(), "--db", db.toString());
    assertThat(dir.exit()).isEqualTo(2);
    assertThat(dir.err())
        .isEqualTo(
            "odtrial queries import: error: "
                + folder
                + " is not a regular file (a folder, a pipe or a device): give the answered list"
                + System.lineSeparator());

    Path pipe = tmp.resolve("answers.xlsx");
    Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0, "mkfifo");
    try {
      Run r =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () -> Run.of("queries", "import", pipe.toString(), "--db", db.toString()));
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("is not a regular file");
    } finally {
      // a reader still waiting on the pipe (the failure this test is for) is let go
      Thread writer =
          new Thread(
              () -> {
                try (OutputStream out = Files.newOutputStream(pipe)) {
                  out.flush();
                } catch (Exception ignored) {
                  // nobody was waiting
                }
              });
      writer.setDaemon(true);
      writer.start();
    }
  }
}
