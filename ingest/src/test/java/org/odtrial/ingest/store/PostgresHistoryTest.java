package org.odtrial.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.odtrial.ingest.store.pg.PostgresServer;

/** Every test of {@link HistoryTest} on a PostgreSQL store. */
class PostgresHistoryTest extends HistoryTest {
  private PostgresServer server;
  private String database;

  @BeforeEach
  void database() {
    server = PostgresServer.require();
    database = server.newDatabase();
  }

  @Override
  TrialStore open() {
    return PostgresTrialStoreTest.openAsOwner(server, database);
  }

  @Override
  Connection connection() throws SQLException {
    Connection c = server.superuser(database);
    c.createStatement().execute("SET search_path = main");
    return c;
  }
}
