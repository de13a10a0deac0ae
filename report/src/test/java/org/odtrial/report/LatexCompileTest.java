package org.odtrial.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles report.tex with pdflatex where TeX Live is installed (skipped otherwise). */
class LatexCompileTest {
  @TempDir Path tmp;

  @Test
  void reportTexCompilesStandaloneWithoutOverfullLines() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/pdflatex")), "/usr/bin/pdflatex not installed");
    ReportWriter.of(ExampleReport.input(Blinding.of("Arm A"))).writeTo(tmp);
    Process p =
        new ProcessBuilder(
                "/usr/bin/pdflatex",
                "-interaction=nonstopmode",
                "-halt-on-error",
                "-no-shell-escape",
                "report.tex")
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
    assertThat(log).doesNotContain("Overfull \\hbox", "Undefined control sequence");
    assertThat(Files.size(tmp.resolve("report.pdf"))).isPositive();
  }
}
