package org.odtrial.ingest.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The PostgreSQL password file as libpq reads it: {@code PGPASSFILE}, or {@code ~/.pgpass}; lines
 * {@code hostname:port:database:username:password}, {@code *} matching anything, {@code \:} and
 * {@code \\} escaping, {@code #} starting a comment; the first matching line wins. As libpq does, a
 * file that the group or others may read is ignored.
 */
public final class PgPass {
  private PgPass() {}

  /** What the password file gave: a password, or why none. */
  public record Lookup(Optional<String> password, String note) {}

  /** Looks up the password of {@code location}'s user with the environment {@code env}. */
  public static Lookup find(PostgresLocation location, Map<String, String> env) {
    Path file;
    String configured = env.get("PGPASSFILE");
    if (configured != null && !configured.isEmpty()) {
      file = Path.of(configured);
    } else {
      String home = env.getOrDefault("HOME", System.getProperty("user.home"));
      file = Path.of(home, ".pgpass");
    }
    if (!Files.isRegularFile(file)) {
      return new Lookup(Optional.empty(), "");
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      for (PosixFilePermission p : permissions) {
        if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
          return new Lookup(
              Optional.empty(),
              " (the password file "
                  + file
                  + " was ignored: the group or others may read it; 'chmod 600' it, as libpq"
                  + " asks)");
        }
      }
    } catch (UnsupportedOperationException | IOException e) {
      // no POSIX permissions here (or unreadable): read it as libpq on such systems would
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new Lookup(Optional.empty(), " (cannot read the password file " + file + ")");
    }
    String[] wanted = {
      location.host(), Integer.toString(location.port()), location.database(), location.user()
    };
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = fields(line);
      if (fields.size() < 5) {
        continue;
      }
      boolean match = true;
      for (int i = 0; i < 4 && match; i++) {
        String f = fields.get(i);
        match = f.equals("*") || f.equals(wanted[i]) || (i == 0 && localhost(f, wanted[0]));
      }
      if (match) {
        return new Lookup(Optional.of(fields.get(4)), "");
      }
    }
    return new Lookup(Optional.empty(), "");
  }

  /** libpq matches "localhost" for a connection to the local machine. */
  private static boolean localhost(String field, String host) {
    return field.equals("localhost") && (host.equals("127.0.0.1") || host.equals("::1"));
  }

  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        current.append(line.charAt(++i));
      } else if (c == ':' && fields.size() < 4) {
        fields.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    fields.add(current.toString());
    return fields;
  }
}
