package org.odtrial.ingest.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigratorTest {

  @Test
  void migrationsAreNumberedOneUpWithoutGaps() {
    List<Migrator.Migration> all = Migrator.MIGRATIONS;
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).version()).isEqualTo(i + 1);
      assertThat(all.get(i).resource())
          .startsWith(String.format(java.util.Locale.ROOT, "V%03d__", i + 1));
    }
    assertThat(Migrator.latestVersion()).isEqualTo(all.size());
  }

  @Test
  void scriptsSplitIntoStatementsWithoutComments() {
    String script =
        "-- a comment; with a semicolon\nCREATE TABLE a (x INTEGER);\n\n  -- another\n"
            + "CREATE INDEX a_x ON a (x);\n";
    assertThat(Migrator.statements(script))
        .containsExactly("CREATE TABLE a (x INTEGER)", "CREATE INDEX a_x ON a (x)");
  }
}
