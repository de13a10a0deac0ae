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

  @Test
  void stepsAreSilentUnlessEnabledAndClearTheirLine() {
    StringWriter quiet = new StringWriter();
    try (Steps s = new Steps(new PrintWriter(quiet), false, "report of load 1", 3)) {
      s.step("analysing");
      s.detail("x");
    }
    assertThat(quiet.toString()).isEmpty();
    StringWriter shown = new StringWriter();
    try (Steps s = new Steps(new PrintWriter(shown), true, "report of load 1", 3)) {
      s.step("reading the load");
      s.step("writing the report");
      s.detail("report.docx");
    }
    assertThat(shown.toString())
        .contains(
            "report of load 1: step 1 of 3, reading the load (0 s)",
            "step 2 of 3, writing the report: report.docx (0 s)")
        .endsWith("\r\033[K");
    // a line never wider than a terminal: the next one could not overwrite it
    StringWriter longLine = new StringWriter();
    try (Steps s = new Steps(new PrintWriter(longLine), true, "report", 3)) {
      s.step("writing the report");
      s.detail("x".repeat(200));
    }
    for (String line : longLine.toString().split("\r")) {
      assertThat(line.replace("\033[K", "")).hasSizeLessThanOrEqualTo(79);
    }
  }
}
