package org.odtrial.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A program a test runs (pandoc, pdflatex, chromium). Where it is missing the test is skipped on a
 * developer's machine, but fails in CI (environment variable CI set to true), where .ci/run
 * installs it: no test may silently never run.
 */
public final class ExternalTool {
  private ExternalTool() {}

  /** The program's path on PATH; skips the test without it, or fails it in CI. */
  public static Path require(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(name + " is not installed, but CI=true: .ci/run installs it, so this test must run");
    }
    Assumptions.abort(name + " is not installed (on CI it is, and this test runs)");
    throw new IllegalStateException("unreachable");
  }
}
