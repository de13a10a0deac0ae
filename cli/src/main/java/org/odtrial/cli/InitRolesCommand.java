package org.odtrial.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.odtrial.cli.internal.Exits;
import org.odtrial.ingest.store.TrialStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odtrial init-roles}: the database roles of a trial on a PostgreSQL server. */
@Command(
    name = "init-roles",
    header = "Set up the database roles of a trial on a PostgreSQL server.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Create (if missing) the group roles odtrial_site_data_manager, odtrial_trial_manager,"
          + " odtrial_blinded_statistician and odtrial_unblinded_statistician, and give them"
          + " exactly their privileges on the store, enforced by PostgreSQL (row-level security by"
          + " site, column privileges), whoever connects and with whatever tool. Run it as the"
          + " owner of the store (the role that first ran odtrial on the database) with the right"
          + " to create roles; running it again resets the privileges. Login roles are made members"
          + " of a group role with GRANT (see docs/deployment.md); --site-manager does that for"
          + " site data managers and records their sites. Recorded and sealed in the store's"
          + " history."
    })
public final class InitRolesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DbOption db;

  @Option(
      names = "--site-manager",
      paramLabel = "ROLE=SITE[,SITE...]",
      description =
          "A login role that manages the data of these sites (site_id of clusters.csv); it is made"
              + " a member of odtrial_site_data_manager. Repeatable.")
  List<String> siteManagers = new ArrayList<>();

  @Override
  public Integer call() {
    if (!db.isServer()) {
      return Cli.fail(
          spec,
          "roles are enforced by a PostgreSQL server; a SQLite file has no database roles (give"
              + " --db a postgresql:// URL)");
    }
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (String s : siteManagers) {
      int eq = s.indexOf('=');
      if (eq <= 0 || eq == s.length() - 1) {
        return Cli.fail(spec, "--site-manager must be ROLE=SITE[,SITE...], was " + s);
      }
      List<String> sites =
          Arrays.stream(s.substring(eq + 1).split(",")).map(String::strip).toList();
      if (sites.stream().anyMatch(String::isEmpty)) {
        return Cli.fail(spec, "--site-manager has an empty site: " + s);
      }
      members.computeIfAbsent(s.substring(0, eq).strip(), k -> new ArrayList<>()).addAll(sites);
    }
    try (TrialStore store = db.open()) {
      store.initRoles(
          Instant.now().truncatedTo(ChronoUnit.SECONDS),
          System.getProperty("user.name", "unknown"),
          members);
    }
    spec.commandLine()
        .getOut()
        .println(
            "Roles set up on "
                + db.display()
                + (members.isEmpty()
                    ? "."
                    : "; site data managers: "
                        + String.join(
                            "; ",
                            members.entrySet().stream()
                                .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                                .toList())
                        + "."));
    return Exits.OK;
  }
}
