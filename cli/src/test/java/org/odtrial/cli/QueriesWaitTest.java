package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code queries} takes --wait as every other command reading a store does. */
class QueriesWaitTest {
  @TempDir Path tmp;

  @Test
  void aStoreHeldByAnotherCommandIsWaitedForAsLongAsAsked() throws Exception {
    Path db = IngestedSample.copyTo(tmp.resolve("trial.db"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("BEGIN EXCLUSIVE"); // as a sqlite3 shell or another odtrial writing would
      long start = System.nanoTime();
      Run r = Run.of("queries", "--db", db.toString(), "--wait", "1");
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertThat(r.exit()).as(r.all()).isEqualTo(2);
      assertThat(r.err()).contains("is being written by another odtrial command");
      assertThat(seconds).isLessThan(30); // the default wait is 60 s
      st.execute("ROLLBACK");
    }
    assertThat(Run.of("queries", "--db", db.toString(), "--wait", "-1").err())
        .contains("--wait must be 0 or more seconds, was -1");
    Run free = Run.of("queries", "--db", db.toString(), "--wait", "0");
    assertThat(free.exit()).as(free.all()).isZero();
  }
}
