package org.odtrial.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {
  @Test
  void colourOnlyOnAConsoleWithoutNoColourOrCi() {
    assertThat(Terminal.of(true, Map.of()).colour()).isTrue();
    assertThat(Terminal.of(true, Map.of("NO_COLOR", "1")).colour()).isFalse();
    assertThat(Terminal.of(true, Map.of("TERM", "dumb")).colour()).isFalse();
    assertThat(Terminal.of(true, Map.of("CI", "true"))).isEqualTo(Terminal.PLAIN);
    assertThat(Terminal.of(false, Map.of())).isEqualTo(Terminal.PLAIN);
  }

  @Test
  void progressIsSilentUnlessEnabled() {
    StringWriter quiet = new StringWriter();
    try (Progress p = new Progress(new PrintWriter(quiet), false, "rows", 10)) {
      p.accept(5);
    }
    assertThat(quiet.toString()).isEmpty();
    StringWriter shown = new StringWriter();
    try (Progress p = new Progress(new PrintWriter(shown), true, "rows", 10)) {
      p.accept(5);
    }
    assertThat(shown.toString()).contains("rows: 5 of 10 (50%)");
  }
}
