package org.odtrial.ingest.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
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
  void aTargetThatCannotBeWrittenIsNamedNotItsTemporaryFile() throws IOException {
    // -o naming a folder, a file in a folder that does not exist, or under a file: the message
    // names what the user gave (a hidden .tmp file beside it would say nothing to them)
    Path folder = Files.createDirectories(dir.resolve("reports"));
    assertThatThrownBy(() -> AtomicFiles.writeString(folder, "x"))
        .isInstanceOf(IOException.class)
        .hasMessage(folder + " is a folder; give the name of a file to write");
    assertThat(folder).isEmptyDirectory();
    Path missing = dir.resolve("no-such-folder").resolve("findings.csv");
    assertThatThrownBy(() -> AtomicFiles.writeString(missing, "x"))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot write " + missing + ": its folder does not exist");
    Path file = Files.writeString(dir.resolve("notes.txt"), "notes");
    Path under = file.resolve("findings.csv");
    assertThatThrownBy(() -> AtomicFiles.writeString(under, "x"))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot write " + under + ": " + file + " is a file, not a folder");
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("reports", "notes.txt");
  }

  @Test
  void aPipeIsWrittenToNotReplaced() throws Exception {
    // as -o /dev/null or /dev/stdout: a file renamed over them would replace the device itself
    Path fifo = dir.resolve("findings.pipe");
    Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
    Process reader = new ProcessBuilder("cat", fifo.toString()).start();
    try {
      AtomicFiles.writeString(fifo, "query_id\n");
      assertThat(reader.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("query_id\n");
    } finally {
      reader.destroyForcibly();
    }
    assertThat(Files.isRegularFile(fifo)).isFalse();
    assertThat(dir.toFile().list()).containsExactly("findings.pipe");
  }

  @Test
  void aLinkToAFileHasTheFileReplacedAndStaysALink() throws IOException {
    Path real = Files.createDirectories(dir.resolve("2026-12")).resolve("quality.html");
    Files.writeString(real, "old");
    Path link = Files.createSymbolicLink(dir.resolve("latest.html"), real);
    AtomicFiles.writeString(link, "new");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("new");
    assertThat(real.getParent().toFile().list()).containsExactly("quality.html");
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("2026-12", "latest.html");
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
