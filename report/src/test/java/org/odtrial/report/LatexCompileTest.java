package org.odtrial.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.tex compiles with pdflatex and the packages of Debian's texlive-latex-base and
 * texlive-latex-recommended (what .ci/run installs), with no line too wide.
 */
class LatexCompileTest {
  @TempDir Path tmp;

  @Test
  void unblindedReportCompilesWithoutOverfullLines() throws Exception {
    compile(ExampleReport.copyOfReport(tmp.resolve("open")));
  }

  @Test
  void blindedReportOfVersionOneResultsCompilesToo() throws Exception {
    Path dir = tmp.resolve("blinded");
    ReportWriter.of(ExampleReport.inputV1(Blinding.of("Arm A"))).writeTo(dir);
    compile(dir);
  }

  /** Compiles the report.tex in {@code dir}, as pdflatex users do. */
  private static void compile(Path dir) throws Exception {
    Path pdflatex = ExternalTool.require("pdflatex");
    // twice, as LaTeX users do: longtable settles its column widths on the second run
    for (int run = 0; run < 2; run++) {
      Process p =
          new ProcessBuilder(
                  pdflatex.toString(),
                  "-interaction=nonstopmode",
                  "-halt-on-error",
                  "-no-shell-escape",
                  "report.tex")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
    }
    String log = Files.readString(dir.resolve("report.log"), StandardCharsets.ISO_8859_1);
    assertThat(log)
        .doesNotContain("Overfull \\hbox", "Undefined control sequence", "LaTeX Error")
        .doesNotContain("Table widths have changed. Rerun LaTeX.")
        // every font from the installed Type 1 fonts: none made as a bitmap by mktexpk
        .doesNotContain("pk>", "mktexpk");
    assertThat(Files.size(dir.resolve("report.pdf"))).isPositive();
  }
}
