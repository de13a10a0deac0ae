package org.odtrial.ingest.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load's index builds on SQLite run with a quarter of the page cache (which bounds SQLite's
 * sorter) and give the cache back afterwards, whether the build succeeds or a duplicate key stops
 * it; the transaction stays usable either way.
 */
class SqliteIndexBuildTest {
  @TempDir Path tmp;

  private Connection open() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("t.db"));
    Sql.exec(c, "CREATE TABLE t (k TEXT, v INTEGER)");
    Sql.exec(c, "INSERT INTO t VALUES ('a', 1), ('b', 2), ('c', 3)");
    return c;
  }

  @Test
  void theCacheIsRestoredAfterABuild() throws SQLException {
    try (Connection c = open()) {
      Sql.exec(c, "PRAGMA main.cache_size = -65536");
      Sql.exec(c, "BEGIN IMMEDIATE");
      SqliteDialect.INSTANCE.createIndex(c, "CREATE UNIQUE INDEX t_key ON t (k)");
      assertThat(Sql.queryLong(c, "PRAGMA main.cache_size")).isEqualTo(-65536);
      assertThat(Sql.queryLong(c, "SELECT count(*) FROM sqlite_master WHERE name = 't_key'"))
          .isEqualTo(1);
      Sql.exec(c, "COMMIT");
    }
  }

  @Test
  void aCacheGivenInPagesIsRestoredInPages() throws SQLException {
    try (Connection c = open()) {
      Sql.exec(c, "PRAGMA main.cache_size = 2000");
      SqliteDialect.INSTANCE.createIndex(c, "CREATE INDEX t_v ON t (v)");
      assertThat(Sql.queryLong(c, "PRAGMA main.cache_size")).isEqualTo(2000);
    }
  }

  @Test
  void theCacheIsRestoredWhenADuplicateKeyStopsTheBuild() throws SQLException {
    try (Connection c = open()) {
      Sql.exec(c, "PRAGMA main.cache_size = -65536");
      Sql.exec(c, "BEGIN IMMEDIATE");
      Sql.exec(c, "INSERT INTO t VALUES ('a', 4)");
      assertThatThrownBy(
              () -> SqliteDialect.INSTANCE.createIndex(c, "CREATE UNIQUE INDEX t_key ON t (k)"))
          .isInstanceOfSatisfying(
              SQLException.class,
              e ->
                  assertThat(SqliteDialect.INSTANCE.failure(e))
                      .isEqualTo(Dialect.Failure.CONSTRAINT));
      assertThat(Sql.queryLong(c, "PRAGMA main.cache_size")).isEqualTo(-65536);
      assertThat(Sql.queryLong(c, "SELECT count(*) FROM t")).isEqualTo(4);
      Sql.exec(c, "ROLLBACK");
    }
  }
}
