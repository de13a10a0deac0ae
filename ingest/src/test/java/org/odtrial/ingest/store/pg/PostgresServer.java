package org.odtrial.ingest.store.pg;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server for the tests: {@code initdb} into a temporary folder, started on a
 * free port of 127.0.0.1 with password (SCRAM) authentication, stopped and deleted when the test
 * JVM exits. One server per JVM; every test takes a database of its own ({@link #newDatabase}).
 *
 * <p>The binaries are Debian's ({@code /usr/lib/postgresql/<version>/bin}, installed by {@code
 * .ci/run}) or the folder in {@code ODTRIAL_PG_BIN}. PostgreSQL refuses to run as root, so as root
 * the server runs as the system user {@value #SYSTEM_USER} (created with {@code useradd} if
 * missing) through {@code runuser}. When no server can be started the tests are skipped on a
 * developer's machine and fail when {@code CI=true}.
 */
public final class PostgresServer {
  static final String SYSTEM_USER = "odtrialpg";

  /** The superuser's name and password (the server only listens on 127.0.0.1, only for tests). */
  public static final String SUPERUSER = "postgres";

  public static final String SUPERUSER_PASSWORD = "odtrial-test-superuser";

  private static PostgresServer server;
  private static String failure;

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path bin;
  private final Path dir;
  private final int port;
  private final List<String> asUser;

  private PostgresServer(Path bin, Path dir, int port, List<String> asUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asUser = asUser;
  }

  /**
   * The running server, started on first use; skips the calling test when there is none (fails it
   * when {@code CI=true}).
   */
  public static synchronized PostgresServer require() {
    if (server == null && failure == null) {
      try {
        server = start();
      } catch (Exception e) {
        failure = e.getMessage();
      }
    }
    if (server == null) {
      String message = "no PostgreSQL server for the tests: " + failure;
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    return server;
  }

  public int port() {
    return port;
  }

  /** A client program of the server's version, such as {@code pg_dump}. */
  public Path program(String name) {
    return bin.resolve(name);
  }

  /**
   * Creates an empty database and returns its name; each test uses its own so that tests never see
   * each other's stores.
   */
  public String newDatabase() {
    String name =
        String.format(
            Locale.ROOT, "t%d_%d", ProcessHandle.current().pid(), DATABASES.incrementAndGet());
    try (Connection c = superuser("postgres");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return name;
  }

  /**
   * {@code postgresql://127.0.0.1:<port>/<database>?user=<user>}, the form odtrial's --db takes.
   */
  public String url(String database, String user) {
    return String.format(Locale.ROOT, "postgresql://127.0.0.1:%d/%s?user=%s", port, database, user);
  }

  /** A JDBC connection as the superuser. */
  public Connection superuser(String database) throws SQLException {
    return connect(database, SUPERUSER, SUPERUSER_PASSWORD);
  }

  /** A plain JDBC connection, as psql would make it: the checks of roles use these. */
  public Connection connect(String database, String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return DriverManager.getConnection(
        String.format(Locale.ROOT, "jdbc:postgresql://127.0.0.1:%d/%s", port, database), p);
  }

  private static PostgresServer start() throws IOException, InterruptedException {
    Path bin = binaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> asUser = new ArrayList<>();
    Path dir = Files.createTempDirectory("odtrial-pg");
    if (root) {
      ensureSystemUser();
      run(List.of("chown", SYSTEM_USER, dir.toString()), List.of());
      asUser = List.of("runuser", "-u", SYSTEM_USER, "--");
    }
    Path data = dir.resolve("data");
    Path pwfile = dir.resolve("pw");
    Files.writeString(pwfile, SUPERUSER_PASSWORD + "\n", StandardCharsets.UTF_8);
    if (root) {
      run(List.of("chown", SYSTEM_USER, pwfile.toString()), List.of());
    }
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            SUPERUSER,
            "--pwfile=" + pwfile,
            "--auth-local=scram-sha-256",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync"),
        asUser);
    // the port is free when chosen but another process (another build's test JVM) may take it
    // before this server binds it: then start again on another
    for (int attempt = 1; ; attempt++) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      PostgresServer started = new PostgresServer(bin, dir, port, asUser);
      try {
        run(
            List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                String.format(
                    Locale.ROOT,
                    "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60",
                    port,
                    dir),
                "start"),
            asUser);
      } catch (IOException e) {
        Path logFile = dir.resolve("server.log");
        String log = Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        if (attempt < 5 && log.contains("could not bind")) {
          continue;
        }
        throw new IOException(e.getMessage() + "\n" + log.strip(), e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
      return started;
    }
  }

  /** Stops the server at once and deletes its folder: the data is throwaway. */
  private void stop() {
    try {
      List<String> command = new ArrayList<>(asUser);
      command.addAll(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-m",
              "immediate",
              "-w",
              "stop"));
      new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
      // the folder holds a database per test, tens of thousands of files; deleted by rm, not waited
      // for, since the build waits for this JVM to exit (deleting took over 30 s on a busy disk)
      try {
        new ProcessBuilder("rm", "-rf", dir.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
      } catch (IOException e) {
        try (Stream<Path> walk = Files.walk(dir)) {
          walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException | InterruptedException e) {
      // at JVM exit: nothing more to do; the folder is under the temporary directory
    }
  }

  private static Path binaries() throws IOException {
    String configured = System.getenv("ODTRIAL_PG_BIN");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Path newest =
            versions
                .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                .max(Comparator.comparingInt(PostgresServer::version))
                .orElse(null);
        if (newest != null) {
          return newest.resolve("bin");
        }
      }
    }
    throw new IOException(
        "no initdb under /usr/lib/postgresql/*/bin (install Debian's postgresql, as .ci/run does)"
            + " and ODTRIAL_PG_BIN is not set");
  }

  private static int version(Path versionDir) {
    try {
      return Integer.parseInt(versionDir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Creates the system user if it is missing. Test JVMs (of builds side by side) may start their
   * servers at the same time: a lock file keeps a second useradd from racing the first (useradd
   * holds /etc/passwd's own lock and fails rather than waits), and a user that appeared meanwhile
   * is taken as created.
   */
  private static void ensureSystemUser() throws IOException, InterruptedException {
    Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "odtrial-pg-useradd.lock");
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      if (userExists()) {
        return;
      }
      try {
        run(
            List.of(
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SYSTEM_USER),
            List.of());
      } catch (IOException e) {
        if (!userExists()) {
          throw e;
        }
      }
    }
  }

  private static boolean userExists() throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", "-u", SYSTEM_USER).redirectErrorStream(true).start();
    id.getInputStream().readAllBytes();
    return id.waitFor() == 0;
  }

  private static void run(List<String> command, List<String> prefix)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(prefix);
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", full) + " failed: " + output.strip());
    }
  }
}
