package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A --db that is not a store file says what it is instead: empty, a folder, or not there. */
class StoreArgumentTest {
  @TempDir Path tmp;

  @Test
  void eachCommandReadingAStoreSaysWhatTheDbArgumentIs() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("stores"));
    Path missing = tmp.resolve("trial.db");
    for (List<String> command :
        List.of(
            List.of("loads"),
            List.of("verify"),
            List.of("queries"),
            List.of("queries", "history", "QABC"),
            List.of("analyse", "--out", tmp.resolve("out").toString()))) {
      // a subcommand of queries is named as typed: "odtrial queries history"
      String name =
          command.size() > 1 && command.get(0).equals("queries")
              ? "queries " + command.get(1)
              : command.get(0);
      assertThat(err(command, ""))
          .as("%s", command)
          .isEqualTo(
              "odtrial "
                  + name
                  + ": error: --db is empty: give the path of a store file, or a postgresql://"
                  + " URL");
      assertThat(err(command, folder.toString()))
          .isEqualTo(
              "odtrial "
                  + name
                  + ": error: "
                  + folder
                  + " is a folder; give the path of a store file");
      assertThat(err(command, missing.toString()))
          .isEqualTo("odtrial " + name + ": error: no such store: " + missing);
    }
  }

  private static String err(List<String> command, String db) {
    String[] args = new String[command.size() + 2];
    for (int i = 0; i < command.size(); i++) {
      args[i] = command.get(i);
    }
    args[command.size()] = "--db";
    args[command.size() + 1] = db;
    Run r = Run.of(args);
    assertThat(r.exit()).as(r.all()).isEqualTo(2);
    return r.err().strip();
  }
}
