package org.odtrial.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders report.html in headless Chromium with check-report.sh; skipped where Chromium is not
 * installed.
 */
class BrowserCheckTest {
  @TempDir Path tmp;

  @Test
  void chromiumRendersEveryTableAndFigure() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "/usr/bin/chromium not installed");
    ReportWriter.of(ExampleReport.input(Blinding.none())).writeTo(tmp);
    Path script = Path.of("src/test/browser/check-report.sh").toAbsolutePath();
    Path shot = tmp.resolve("screenshot.png");
    Process p =
        new ProcessBuilder(
                "sh", script.toString(), tmp.resolve("report.html").toString(), shot.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("6 tables, 3 svg figures");
    assertThat(Files.size(shot)).isPositive();
  }
}
