package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command asked for JSON that fails prints a JSON error object on standard output, however the
 * format was spelled: picocli takes the value in any case and in either option form.
 */
class JsonErrorTest {
  @TempDir Path tmp;

  @Test
  void everySpellingOfJsonGetsTheJsonError() throws Exception {
    for (String[] format :
        new String[][] {
          {"--format", "json"}, {"--format", "JSON"}, {"--format=json"}, {"--format=Json"}
        }) {
      String[] args = new String[4 + format.length];
      args[0] = "ingest";
      args[1] = tmp.resolve("no-upload").toString();
      args[2] = "--db";
      args[3] = tmp.resolve("trial.db").toString();
      System.arraycopy(format, 0, args, 4, format.length);
      Run r = Run.of(args);
      assertThat(r.exit()).isEqualTo(2);
      JsonNode error = new ObjectMapper().readTree(r.out()).get("error");
      assertThat(error).as(String.join(" ", format)).isNotNull();
      assertThat(error.get("exit").asInt()).isEqualTo(2);
      assertThat(error.get("message").asText()).startsWith("no such folder: ");
    }
  }
}
