package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CliDocsTest {
  @Test
  void docsCliMdIsTheCommandsOwnHelp() throws Exception {
    String committed = Files.readString(Path.of("..", "docs", "cli.md"), StandardCharsets.UTF_8);
    assertThat(committed)
        .as("docs/cli.md is out of date: regenerate it with CliDocs (see its javadoc)")
        .isEqualTo(CliDocs.render());
  }
}
