package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odtrial.cli.internal.Terminal;
import org.odtrial.ingest.contract.TrialFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class CommandLineTest {
  @TempDir Path tmp;

  @Test
  void versionHelpAndMissingSubcommand() {
    assertThat(Run.of("--version").out()).isEqualTo("odtrial 1.0.0" + System.lineSeparator());
    Run help = Run.of("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out())
        .contains("validate", "ingest", "loads", "generate", "demo", "plan", "completion");
    Run none = Run.of();
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("Missing subcommand");
    assertThat(Run.of("frobnicate").exit()).isEqualTo(2);
  }

  @Test
  void threadsMustBeAWholeNumberOfAtLeastOne() {
    for (String command : new String[] {"analyse", "report"}) {
      Run zero =
          Run.of(command, "--db", "x.db", "--out", tmp.resolve("o").toString(), "--threads", "0");
      assertThat(zero.exit()).isEqualTo(2);
      assertThat(zero.err()).contains("--threads", "must be at least 1, was 0");
      Run word =
          Run.of(command, "--db", "x.db", "--out", tmp.resolve("o").toString(), "--threads", "two");
      assertThat(word.exit()).isEqualTo(2);
      assertThat(word.err()).contains("'two' is not a whole number");
    }
    Run run = Run.of("run", tmp.toString(), "--db", "x.db", "--out", "o", "--threads", "-1");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("must be at least 1, was -1");
  }

  @Test
  void completionScriptCoversTheSubcommands() {
    Run r = Run.of("completion");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("complete -F", "validate", "ingest", "--db");
  }

  @Test
  void generateIsDeterministicAndItsOutputIsValid() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Run ra =
        Run.of(
            "generate",
            "--out",
            a.toString(),
            "--clusters",
            "8",
            "--participants",
            "150",
            "--seed",
            "7");
    Run.of(
        "generate",
        "--out",
        b.toString(),
        "--clusters",
        "8",
        "--participants",
        "150",
        "--seed",
        "7");
    assertThat(ra.exit()).isZero();
    assertThat(ra.out()).contains("8 clusters", "150 participants");
    for (TrialFile f : TrialFile.values()) {
      assertThat(Files.readAllBytes(a.resolve(f.fileName())))
          .isEqualTo(Files.readAllBytes(b.resolve(f.fileName())));
    }
    assertThat(Run.of("validate", a.toString()).exit()).isZero();
    Path dirty = tmp.resolve("dirty");
    Run rd =
        Run.of(
            "generate",
            "--out",
            dirty.toString(),
            "--clusters",
            "8",
            "--participants",
            "150",
            "--seed",
            "7",
            "--dirty",
            "0.05");
    assertThat(rd.out()).contains("data-entry mistakes");
    assertThat(Run.of("validate", dirty.toString()).exit()).isEqualTo(1);
    assertThat(
            Run.of(
                    "generate",
                    "--out",
                    dirty.toString(),
                    "--clusters",
                    "0",
                    "--participants",
                    "1",
                    "--seed",
                    "1")
                .exit())
        .isEqualTo(2);
  }

  @Test
  void planPrintsTheDefaultPlanAndRejectsABadOne() throws Exception {
    Run r = Run.of("plan", "--default");
    assertThat(r.out()).contains("\"horizon_days\": 730");
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"horizon\": 1}");
    Run b = Run.of("plan", "--file", bad.toString());
    assertThat(b.exit()).isEqualTo(2);
    assertThat(b.err()).contains("unknown key \"horizon\"");
  }

  @Test
  void aSubcommandRunAloneHasTheHelpAndErrorsItHasInTheWholeTree() {
    CommandLine all = OdtrialCommand.commandLine(Terminal.PLAIN);
    for (Class<?> c : OdtrialCommand.SUBCOMMANDS) {
      Command command = c.getAnnotation(Command.class);
      String name = command.name();
      CommandLine alone = OdtrialCommand.commandLine(Terminal.PLAIN, name);
      if (c == CompletionCommand.class || c == CommandLine.HelpCommand.class) {
        assertThat(alone.getSubcommands().keySet()).isEqualTo(all.getSubcommands().keySet());
        continue;
      }
      List<String> names = new ArrayList<>(List.of(name));
      names.addAll(List.of(command.aliases()));
      assertThat(alone.getSubcommands().keySet()).as(name).containsExactlyElementsOf(names);
      assertThat(alone.getSubcommands().get(name).getUsageMessage())
          .as(name)
          .isEqualTo(all.getSubcommands().get(name).getUsageMessage());
      for (String[] args :
          List.of(
              new String[] {name, "--help"},
              new String[] {name, "--no-such-option"},
              new String[] {name, "--version"})) {
        String[] whole = captured(OdtrialCommand.commandLine(Terminal.PLAIN), args);
        String[] one = captured(OdtrialCommand.commandLine(Terminal.PLAIN, args), args);
        assertThat(one).as(String.join(" ", args)).containsExactly(whole);
      }
    }
    assertThat(OdtrialCommand.commandLine(Terminal.PLAIN, "analyze").getSubcommands())
        .containsOnlyKeys("analyse", "analyze");
  }

  /**
   * {@code odtrial --help}, {@code --version} and no arguments run on the subcommands' summaries
   * (names, aliases, first lines) instead of their whole models, and print exactly what the whole
   * tree prints, with colour and without.
   */
  @Test
  void helpVersionAndNoArgumentsPrintWhatTheWholeTreePrints() {
    for (Terminal terminal : List.of(Terminal.PLAIN, new Terminal(true, true))) {
      for (String[] args :
          List.of(
              new String[] {},
              new String[] {"--help"},
              new String[] {"-h"},
              new String[] {"--version"},
              new String[] {"-V"})) {
        String[] whole = captured(OdtrialCommand.commandLine(terminal), args);
        String[] summaries = captured(OdtrialCommand.commandLine(terminal, args), args);
        assertThat(summaries)
            .as("%s, colour %s", String.join(" ", args), terminal.colour())
            .containsExactly(whole);
      }
    }
    // the summaries are what was built: no subcommand's options
    CommandLine help = OdtrialCommand.commandLine(Terminal.PLAIN, "--help");
    assertThat(help.getSubcommands().keySet())
        .isEqualTo(OdtrialCommand.commandLine(Terminal.PLAIN).getSubcommands().keySet());
    assertThat(help.getSubcommands().get("validate").getCommandSpec().options()).isEmpty();
  }

  /** Exit code, standard output and standard error of {@code args} run on {@code cl}. */
  private static String[] captured(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = OdtrialCommand.execute(cl, args);
    return new String[] {Integer.toString(exit), out.toString(), err.toString()};
  }
}
