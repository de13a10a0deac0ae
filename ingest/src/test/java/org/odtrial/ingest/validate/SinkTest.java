package org.odtrial.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.ingest.IngestException;
import org.odtrial.ingest.contract.TrialFile;

class SinkTest {
  @TempDir Path dir;

  @Test
  void theSinkRunsOnTheCallersThread() {
    String[] rows = new String[5000];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = "M" + (i + 10) + ",P1,2020-02-10,video,2,0,";
    }
    TrialDir.valid(dir).append(TrialFile.NETWORK_MEETINGS, rows);
    Set<Thread> threads = new HashSet<>();
    long[] n = new long[1];
    Validator.of()
        .validate(
            dir,
            (file, line, values) -> {
              threads.add(Thread.currentThread());
              n[0]++;
            });
    assertThat(threads).containsExactly(Thread.currentThread());
    assertThat(n[0]).isEqualTo(2 + 2 + 1 + 2 + 2 + 5000);
  }

  @Test
  void aFailingSinkStopsValidationWithItsOwnException() {
    String[] rows = new String[20000];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = "M" + (i + 10) + ",P1,2020-02-10,video,2,0,";
    }
    TrialDir.valid(dir).append(TrialFile.NETWORK_MEETINGS, rows);
    assertThatThrownBy(
            () ->
                Validator.of()
                    .validate(
                        dir,
                        (file, line, values) -> {
                          if (file == TrialFile.NETWORK_MEETINGS && line == 100) {
                            throw new IngestException("store full");
                          }
                        }))
        .isInstanceOf(IngestException.class)
        .hasMessage("store full");
    assertThatThrownBy(
            () ->
                Validator.of()
                    .validate(
                        dir,
                        (file, line, values) -> {
                          throw new java.io.UncheckedIOException(new java.io.IOException("disk"));
                        }))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("disk");
    // and the folder can be validated again straight away
    assertThat(Validator.of().validate(dir).findings()).isEmpty();
  }
}
