package org.odtrial.ingest.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The database roles of a trial on PostgreSQL (see {@code roles/postgresql-roles.sql}): four group
 * roles, their privileges, row-level security by site, and which login role manages which sites.
 */
public final class Roles {
  public static final String SITE_DATA_MANAGER = "odtrial_site_data_manager";
  public static final String TRIAL_MANAGER = "odtrial_trial_manager";
  public static final String BLINDED_STATISTICIAN = "odtrial_blinded_statistician";
  public static final String UNBLINDED_STATISTICIAN = "odtrial_unblinded_statistician";

  /** The group roles, in the order the script names them. */
  public static final List<String> ALL =
      List.of(SITE_DATA_MANAGER, TRIAL_MANAGER, BLINDED_STATISTICIAN, UNBLINDED_STATISTICIAN);

  private Roles() {}

  /**
   * Creates the group roles that are missing, applies the privileges and policies, and records each
   * site data manager's sites (making the login role a member of the site data managers), inside
   * the open write transaction.
   *
   * @param siteManagers login role to the sites it manages
   */
  public static void apply(Connection c, Map<String, List<String>> siteManagers)
      throws SQLException {
    for (String role : ALL) {
      boolean exists;
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
        ps.setString(1, role);
        try (ResultSet rs = ps.executeQuery()) {
          exists = rs.next();
        }
      }
      if (!exists) {
        Sql.exec(c, "CREATE ROLE " + role + " NOLOGIN");
      }
    }
    for (String statement : Migrator.statements(script())) {
      Sql.exec(c, statement);
    }
    for (Map.Entry<String, List<String>> e : siteManagers.entrySet()) {
      String member = e.getKey();
      Sql.exec(c, "GRANT " + SITE_DATA_MANAGER + " TO " + quote(member));
      for (String site : e.getValue()) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO main.site_members (member, site_id) VALUES (?, ?) ON CONFLICT DO"
                    + " NOTHING")) {
          ps.setString(1, member);
          ps.setString(2, site);
          ps.executeUpdate();
        }
      }
    }
  }

  /** A role name as a quoted SQL identifier. */
  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String script() {
    try (InputStream in =
        Roles.class.getResourceAsStream("/org/odtrial/ingest/store/roles/postgresql-roles.sql")) {
      if (in == null) {
        throw new IllegalStateException("roles script missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
