package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real interruption: odtrial simulate in its own JVM, stopped by a signal part-way. It reports
 * the reps done (exactly what --reps equal to that number gives) and exits with 128 + the signal.
 */
class SimulateInterruptTest {
  private static final Pattern DONE =
      Pattern.compile("interrupted after (\\d+) of 1000000 reps; the summary covers those \\d+");

  /** Tiny trials: a rep takes milliseconds, so thousands are done before the signal. */
  private static final List<String> DESIGN =
      List.of("--clusters", "4", "--participants", "40", "--seed", "12");

  @Test
  void ctrlCStopsAndReportsTheRepsDone(@TempDir Path tmp) throws Exception {
    interruptWith("INT", 130, tmp);
  }

  @Test
  void sigtermStopsAndReportsTheRepsDone(@TempDir Path tmp) throws Exception {
    interruptWith("TERM", 143, tmp);
  }

  private static void interruptWith(String signal, int exit, Path tmp) throws Exception {
    Path out = tmp.resolve("out.json");
    Path err = tmp.resolve("err.txt");
    List<String> command = new ArrayList<>();
    // A process started with SIGINT ignored (a background job of a shell without job control)
    // passes that on and the JVM would keep ignoring it, as any program does: GNU env puts the
    // default disposition back, as a terminal's foreground job has it.
    if (signalIgnored(2)) {
      command.addAll(List.of("env", "--default-signal=INT"));
    }
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "simulate",
            "--reps",
            "1000000",
            "--jobs",
            "2",
            "--format",
            "json"));
    command.addAll(DESIGN);
    Process child =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      // until the reps run (the interrupt handling is in place before they start; a signal
      // before that just ends the JVM, and on a loaded machine starting one takes seconds), then
      // long enough to run some reps (each takes milliseconds)
      awaitWorkers(child.pid());
      Thread.sleep(3000);
      assertThat(child.isAlive()).as("still running; stderr: %s", read(err)).isTrue();
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
      assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("stopped").isTrue();
    } finally {
      child.destroyForcibly();
    }
    String stderr = read(err);
    assertThat(child.exitValue()).as(stderr).isEqualTo(exit);
    // the message names the exit code of this signal (it said "exit 130" after SIGTERM too)
    assertThat(stderr).contains(exit + " after " + (signal.equals("INT") ? "Ctrl-C" : "SIGTERM"));
    Matcher m = DONE.matcher(stderr);
    assertThat(m.find()).as(stderr).isTrue();
    int done = Integer.parseInt(m.group(1));
    assertThat(done).isLessThan(1_000_000);
    String json = read(out);
    assertThat(json).contains("\"interrupted\": true", "\"done\": " + done + ",");
    // exactly the result of asking for that many reps
    List<String> again = new ArrayList<>(List.of("simulate"));
    again.addAll(DESIGN);
    again.addAll(List.of("--reps", Integer.toString(Math.max(1, done)), "--format", "json"));
    Run whole = Run.of(again.toArray(String[]::new));
    if (done > 0) {
      assertThat(SimulateCommandTest.asIfWhole(json))
          .isEqualTo(SimulateCommandTest.normalised(whole.out()));
    }
  }

  /**
   * Waits up to 120 s until process {@code pid} runs a thread named odtrial-simulate-N, its Linux
   * name cut to 15 characters (/proc/PID/task/TID/comm).
   */
  private static void awaitWorkers(long pid) throws IOException, InterruptedException {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (!Files.isDirectory(tasks)) {
      Thread.sleep(6000); // no /proc: a generous guess
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> ts = Files.list(tasks)) {
        for (Path t : ts.toList()) {
          try {
            if (Files.readString(t.resolve("comm")).startsWith("odtrial-simulat")) {
              return;
            }
          } catch (IOException threadEnded) {
            // the thread ended while listed
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the simulation never started");
  }

  /** Whether this process ignores signal {@code n}, read from /proc (Linux). */
  private static boolean signalIgnored(int n) throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
        return (mask & (1L << (n - 1))) != 0;
      }
    }
    return false;
  }

  private static String read(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }
}
