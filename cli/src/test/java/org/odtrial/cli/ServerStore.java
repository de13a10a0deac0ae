package org.odtrial.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.odtrial.ingest.store.pg.PostgresServer;

/**
 * New stores on the test's PostgreSQL server for the command line, which finds the password as a
 * user's odtrial would: in a password file (named by the JDBC driver's system property, since a
 * test cannot set PGPASSFILE in its own environment), never on the command line.
 */
final class ServerStore {
  private static Path passFile;

  private ServerStore() {}

  /** The URL of a new, empty database on the test server (skips or fails without a server). */
  static synchronized String newDatabase() {
    PostgresServer server = PostgresServer.require();
    if (passFile == null
        || !passFile.toString().equals(System.getProperty("org.postgresql.pgpassfile"))) {
      try {
        passFile = Files.createTempFile("odtrial-pgpass", "");
        passFile.toFile().deleteOnExit();
        Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(
            passFile,
            String.format(
                Locale.ROOT,
                "127.0.0.1:%d:*:%s:%s%n",
                server.port(),
                PostgresServer.SUPERUSER,
                PostgresServer.SUPERUSER_PASSWORD));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.setProperty("org.postgresql.pgpassfile", passFile.toString());
    }
    return server.url(server.newDatabase(), PostgresServer.SUPERUSER);
  }

  private static final AtomicInteger FILES = new AtomicInteger();

  /**
   * A new, empty store of the kind the parameterized tests name: "sqlite", a file in {@code dir};
   * "postgresql", a database on the test server.
   */
  static String newStore(String kind, Path dir) {
    return kind.equals("sqlite")
        ? dir.resolve("trial-" + FILES.incrementAndGet() + ".odtrial").toString()
        : newDatabase();
  }
}
