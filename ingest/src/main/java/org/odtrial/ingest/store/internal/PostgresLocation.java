package org.odtrial.ingest.store.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.odtrial.ingest.store.StoreException;
import org.odtrial.ingest.store.StoreSettings;

/**
 * A store on a PostgreSQL server, named by a URL in libpq's form: {@code
 * postgresql://[user@]host[:port][/database][?param=value&...]} ({@code postgres://} too). The user
 * defaults to {@code PGUSER} or the operating-system user, the port to 5432, the database to the
 * user's name, as with psql. Other parameters (such as {@code sslmode}) go to the JDBC driver.
 *
 * <p>A password is never taken from the URL (it would be visible in the process list, the shell
 * history and logs): it comes from {@code PGPASSWORD}, or else from the password file ({@code
 * PGPASSFILE}, default {@code ~/.pgpass}), which the JDBC driver reads as libpq does.
 */
public record PostgresLocation(
    String host, int port, String database, String user, Map<String, String> parameters) {

  /** Whether {@code location} names a PostgreSQL store rather than a SQLite file. */
  public static boolean isUrl(String location) {
    String l = location.toLowerCase(Locale.ROOT);
    return l.startsWith("postgresql://") || l.startsWith("postgres://");
  }

  /**
   * Parses a URL with the given environment (for {@code PGUSER}).
   *
   * @throws StoreException if it is malformed or carries a password
   */
  public static PostgresLocation parse(String url, Map<String, String> env) {
    String rest = url.substring(url.indexOf("://") + 3);
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String path = "";
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      path = decode(rest.substring(slash + 1));
      rest = rest.substring(0, slash);
    }
    String user = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      if (userInfo.contains(":")) {
        throw passwordRefused();
      }
      user = decode(userInfo);
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (name.equalsIgnoreCase("password")) {
        throw passwordRefused(); // before its value is decoded: a malformed one is not echoed
      }
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (name.equals("user")) {
        user = value;
      } else if (name.equals("dbname")) {
        path = value;
      } else {
        parameters.put(name, value);
      }
    }
    String host = rest;
    int port = 5432;
    int colon = rest.lastIndexOf(':');
    if (colon >= 0 && !rest.endsWith("]")) {
      host = rest.substring(0, colon);
      try {
        port = Integer.parseInt(rest.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new StoreException(
            "the port in the --db URL is not a number: " + rest.substring(colon + 1));
      }
      if (port < 1 || port > 65535) {
        // the JDBC driver would only say that no driver suits the URL
        throw new StoreException(
            String.format(
                Locale.ROOT,
                "the port in the --db URL must be 1 to 65535 (5432 by default): %d",
                port));
      }
    }
    if (host.isEmpty()) {
      host = "localhost";
    }
    if (user == null || user.isEmpty()) {
      user = env.getOrDefault("PGUSER", System.getProperty("user.name", "postgres"));
    }
    String database = path.isEmpty() ? user : path;
    return new PostgresLocation(host, port, database, user, Map.copyOf(parameters));
  }

  private static StoreException passwordRefused() {
    return new StoreException(
        "a password in the --db URL is refused (it would show in the process list, the shell"
            + " history and logs): give it in PGPASSWORD or in the password file ~/.pgpass"
            + " (PGPASSFILE), as for psql");
  }

  /**
   * libpq's percent-decoding: {@code %XX} is a byte, and unlike in a web form a {@code +} stands
   * for itself (URLDecoder alone would turn it into a space).
   */
  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // URLDecoder's own message quotes the text around the escape, which may be a password
      throw new StoreException(
          "the --db URL is malformed: each % must start an escape of two hexadecimal digits (%40"
              + " for @, %25 for % itself)");
    }
  }

  /** How the store is named in messages: the URL without parameters; it never holds a password. */
  public String display() {
    return String.format(Locale.ROOT, "postgresql://%s@%s:%d/%s", user, host, port, database);
  }

  /**
   * Connects with the password from {@code env}'s {@code PGPASSWORD} or the password file, as the
   * store's user would with psql; waits for locks (another writer) up to the settings' wait.
   */
  public Connection connect(StoreSettings settings, Map<String, String> env) throws SQLException {
    Properties p = new Properties();
    parameters.forEach(p::setProperty);
    p.setProperty("user", user);
    String password = env.get("PGPASSWORD");
    String note = "";
    if (password == null || password.isEmpty()) {
      PgPass.Lookup lookup = PgPass.find(this, env);
      password = lookup.password().orElse(null);
      note = lookup.note();
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("ApplicationName", "odtrial");
    // the tables are in main; unqualified names in odtrial's SQL mean them
    p.setProperty("currentSchema", PostgresDialect.SCHEMA);
    // a cursor, not the whole result, when a read runs in a transaction (every read does)
    p.setProperty("defaultRowFetchSize", "8192");
    Connection c;
    try {
      c =
          DriverManager.getConnection(
              String.format(
                  Locale.ROOT,
                  "jdbc:postgresql://%s:%d/%s",
                  host,
                  port,
                  java.net.URLEncoder.encode(database, StandardCharsets.UTF_8)),
              p);
    } catch (SQLException e) {
      throw new SQLException(e.getMessage() + note, e.getSQLState(), e);
    }
    try {
      Sql.exec(
          c,
          "SET lock_timeout = "
              // 0 would mean "wait for ever" here, not "do not wait" as on SQLite
              + Math.max(1, Math.min(Integer.MAX_VALUE, settings.waitFor().toMillis())));
      Sql.exec(c, "SET TIME ZONE 'UTC'");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }
}
