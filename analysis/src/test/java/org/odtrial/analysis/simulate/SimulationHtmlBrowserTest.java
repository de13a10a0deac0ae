package org.odtrial.analysis.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.analysis.plan.AnalysisPlan;

/**
 * simulation.html rendered offline in headless Chromium: both plots and the table reach the DOM,
 * and a screenshot is taken (look at it when the page changes). Skipped where Chromium is not
 * installed.
 */
class SimulationHtmlBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path tmp;

  @Test
  void chromiumRendersBothPlotsAndTheTable() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      // CI installs chromium (.ci/run): there a missing browser is a failure, never a skip
      assertThat(System.getenv("CI"))
          .as("CI=true but /usr/bin/chromium is not installed")
          .isNotEqualTo("true");
    }
    assumeTrue(Files.isExecutable(CHROMIUM), "/usr/bin/chromium not installed");
    SimulationResult r =
        Simulation.of(
                AnalysisPlan.defaults(), SimulationOptions.of(6, 120, 6, 3).withEffectScale(0))
            .run(2);
    Path html = tmp.resolve("simulation.html");
    Files.writeString(html, SimulationHtml.toHtml(r, "test"), StandardCharsets.UTF_8);
    String dom = chromium(List.of("--dump-dom", html.toUri().toString()));
    assertThat(count(dom, "<svg")).isEqualTo(2);
    assertThat(count(dom, "<table")).isEqualTo(1);
    assertThat(dom).contains("Type I error at 0.05 (6 reps)", "Coverage of 95% intervals (6 reps)");
    Path shot = tmp.resolve("simulation.png");
    chromium(
        List.of(
            "--hide-scrollbars",
            "--window-size=1200,2400",
            "--screenshot=" + shot,
            html.toUri().toString()));
    assertThat(Files.size(shot)).isPositive();
  }

  private String chromium(List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(CHROMIUM.toString());
    cmd.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + Files.createTempDirectory(tmp, "profile")));
    cmd.addAll(args);
    Path out = Files.createTempFile(tmp, "chromium", ".out");
    Process p =
        new ProcessBuilder(cmd)
            .directory(tmp.toFile())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(p.exitValue()).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
