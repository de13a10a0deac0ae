package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import org.junit.jupiter.api.Test;
import org.odtrial.cli.internal.Terminal;
import picocli.CommandLine;

/**
 * Standard output that cannot be written (a full disk behind a redirection) is an output that could
 * not be written: exit code 2 and one line saying so, not the command's own 0 or 1.
 */
class LostOutputTest {
  /** A writer failing as a full disk does. */
  private static final class FullDisk extends Writer {
    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      throw new IOException("No space left on device");
    }

    @Override
    public void flush() throws IOException {
      throw new IOException("No space left on device");
    }

    @Override
    public void close() {}
  }

  private static int run(StringWriter err, String... args) {
    CommandLine cl = OdtrialCommand.commandLine(Terminal.PLAIN, args);
    cl.setOut(new PrintWriter(new FullDisk(), true));
    cl.setErr(new PrintWriter(err, true));
    return OdtrialCommand.execute(cl, args);
  }

  @Test
  void findingsThatCouldNotBePrintedAreExitCodeTwo() {
    StringWriter clean = new StringWriter();
    assertThat(run(clean, "validate", SampleData.CLEAN.toString(), "--format", "json"))
        .isEqualTo(2);
    assertThat(clean.toString())
        .isEqualTo(
            "odtrial validate: error: standard output could not be written (a full disk, or a"
                + " pipe closed early), so what was printed is incomplete; the command itself"
                + " ended with exit code 0"
                + System.lineSeparator());
    StringWriter dirty = new StringWriter();
    assertThat(run(dirty, "validate", SampleData.DIRTY.toString())).isEqualTo(2);
    assertThat(dirty.toString()).contains("ended with exit code 1").doesNotContain("\tat ");
  }

  @Test
  void usageErrorsStayAsTheyAre() {
    StringWriter err = new StringWriter();
    assertThat(run(err, "validate", "/no/such/upload")).isEqualTo(2);
    assertThat(err.toString()).contains("no such folder").doesNotContain("standard output");
  }
}
