package org.odtrial.ingest.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The tests' PostgreSQL server is real, and asks for a password. */
class PostgresServerTest {
  @Test
  void startsAndServesItsOwnDatabasePerTest() throws SQLException {
    PostgresServer server = PostgresServer.require();
    String a = server.newDatabase();
    String b = server.newDatabase();
    assertThat(a).isNotEqualTo(b);
    try (Connection c = server.superuser(a);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT current_database(), current_setting('server_version_num')::int")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(a);
      assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(150000);
    }
  }

  @Test
  void refusesAWrongPassword() {
    PostgresServer server = PostgresServer.require();
    assertThatThrownBy(() -> server.connect("postgres", PostgresServer.SUPERUSER, "wrong"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
  }
}
