package org.odtrial.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders report.html in headless Chromium with check-report.sh, offline. */
class BrowserCheckTest {
  @TempDir Path tmp;

  @Test
  void chromiumRendersEveryTableAndFigure() throws Exception {
    Path chromium = ExternalTool.require("chromium");
    Path html = ExampleReport.reportFolder().resolve("report.html");
    Path script = Path.of("src/test/browser/check-report.sh").toAbsolutePath();
    Path shot = tmp.resolve("screenshot.png");
    ProcessBuilder pb =
        new ProcessBuilder("sh", script.toString(), html.toString(), shot.toString())
            .redirectErrorStream(true);
    pb.environment().put("CHROMIUM", chromium.toString());
    pb.environment().put("EXPECTED_TABLES", "9");
    pb.environment().put("EXPECTED_FIGURES", "5");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("9 tables, 5 svg figures");
    assertThat(Files.size(shot)).isPositive();
  }
}
