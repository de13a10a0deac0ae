package org.odtrial.ingest.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  /** Writes a megabyte, then fails as a full disk does. */
  private static final AtomicFiles.Content DISK_FULL =
      out -> {
        out.write(new byte[1 << 20]);
        throw new IOException("No space left on device");
      };

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("findings.json");
    Files.writeString(target, "{\"old\": true}\n");
    assertThatThrownBy(() -> AtomicFiles.write(target, DISK_FULL))
        .hasMessageContaining("No space left");
    assertThat(Files.readString(target)).isEqualTo("{\"old\": true}\n");
    assertThat(dir.toFile().list()).containsExactly("findings.json");
  }

  @Test
  void aWrittenFileHasThePermissionsOfAnyNewFileInItsFolder() throws IOException {
    Path plain = Files.createFile(dir.resolve("plain.csv"));
    Path written = dir.resolve("site-T01.csv");
    AtomicFiles.writeString(written, "query_id\n");
    // a site's query list in a shared folder must be readable by whoever the umask lets read it,
    // not only by its writer (a temporary file's 0600 would survive the rename)
    assertThat(Files.getPosixFilePermissions(written))
        .isEqualTo(Files.getPosixFilePermissions(plain));
  }

  @Test
  void aFailedFirstWriteLeavesNoFile() {
    assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("new.csv"), DISK_FULL))
        .isInstanceOf(IOException.class);
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void aWholeWriteReplacesTheFile() throws IOException {
    Path target = dir.resolve("results.csv");
    Files.writeString(target, "old");
    AtomicFiles.writeString(target, "new,é\n");
    assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("new,é\n");
    AtomicFiles.writeText(target, w -> w.write("text"));
    assertThat(Files.readString(target)).isEqualTo("text");
    assertThat(dir.toFile().list()).containsExactly("results.csv");
  }

  @Test
  void stagedFilesAppearTogetherOnCommitAndNotAtAllOtherwise() throws IOException {
    Path out = dir.resolve("report");
    Files.createDirectories(out);
    Files.writeString(out.resolve("a.csv"), "old a");
    try (AtomicFiles.Staging s = AtomicFiles.stage(out)) {
      Files.writeString(s.dir().resolve("a.csv"), "new a");
      Files.writeString(s.dir().resolve("b.csv"), "new b");
      // failing before commit
    }
    assertThat(out.toFile().list()).containsExactly("a.csv");
    assertThat(Files.readString(out.resolve("a.csv"))).isEqualTo("old a");

    List<Path> moved;
    try (AtomicFiles.Staging s = AtomicFiles.stage(out)) {
      Files.writeString(s.dir().resolve("b.csv"), "new b");
      Files.writeString(s.dir().resolve("a.csv"), "new a");
      moved = s.commit();
    }
    assertThat(moved).containsExactly(out.resolve("a.csv"), out.resolve("b.csv"));
    assertThat(out.toFile().list()).containsExactlyInAnyOrder("a.csv", "b.csv");
    assertThat(Files.readString(out.resolve("a.csv"))).isEqualTo("new a");
  }
}
