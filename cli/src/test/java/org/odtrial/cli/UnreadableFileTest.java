package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file of the upload that cannot be read is a finding of that file (rule unreadable-file, exit
 * code 1) for validate, for a first ingest and for an ingest into a store that has loads, which
 * hashes the upload before validating it.
 */
class UnreadableFileTest {
  @TempDir Path tmp;

  @Test
  void aFileThatCannotBeReadIsAFindingOnEveryIngest() throws Exception {
    // a regular file whose reading fails even for root (the start of a process's memory is not
    // mapped: EIO), where a file without read permission would still be read by root
    Path mem = Path.of("/proc/self/mem");
    Assumptions.assumeTrue(Files.isRegularFile(mem), "/proc/self/mem");
    Path upload = SampleData.copy(SampleData.NEXT, tmp.resolve("upload"));
    Files.delete(upload.resolve("outcomes.csv"));
    Files.createSymbolicLink(upload.resolve("outcomes.csv"), mem);

    Run validate = Run.of("validate", upload.toString());
    assertThat(validate.exit()).as(validate.all()).isEqualTo(1);
    assertThat(validate.out()).contains("error unreadable-file", "outcomes.csv could not be read");

    Path fresh = tmp.resolve("fresh.db");
    Run first = Run.of("ingest", upload.toString(), "--db", fresh.toString());
    assertThat(first.exit()).as(first.all()).isEqualTo(1);
    assertThat(first.out()).contains("error unreadable-file", "Nothing was stored");
    assertThat(fresh).doesNotExist();

    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    byte[] before = Files.readAllBytes(db);
    Run next = Run.of("ingest", upload.toString(), "--db", db.toString());
    assertThat(next.exit()).as(next.all()).isEqualTo(1);
    assertThat(next.out()).contains("error unreadable-file", "Nothing was stored");
    assertThat(next.err()).isEmpty();
    assertThat(Arrays.equals(Files.readAllBytes(db), before)).isTrue();
  }
}
