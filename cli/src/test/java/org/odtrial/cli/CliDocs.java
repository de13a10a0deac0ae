package org.odtrial.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.odtrial.cli.internal.Terminal;
import picocli.CommandLine;

/**
 * Writes docs/cli.md from the commands' own help, so the reference never drifts from the code
 * ({@code CliDocsTest} fails if it does). Regenerate from the cli module: {@code java -cp ...
 * org.odtrial.cli.CliDocs ../docs/cli.md}.
 */
public final class CliDocs {
  static final int WIDTH = 110;

  private CliDocs() {}

  static String render() {
    CommandLine root = OdtrialCommand.commandLine(Terminal.PLAIN);
    root.setUsageHelpWidth(WIDTH);
    StringBuilder sb = new StringBuilder();
    sb.append("# odtrial command-line reference\n\n");
    sb.append(
        "Generated from the commands' own `--help` (see `CliDocs` in the cli tests); run `./odtrial"
            + " COMMAND --help`\n");
    sb.append(
        "for the same text. Exit codes everywhere: 0 success, 1 the data has errors (nothing"
            + " stored) or the store\n");
    sb.append(
        "no longer matches its seal, 2 usage error or a file or database that could not be read or"
            + " written;\n");
    sb.append(
        "`simulate` adds 130, interrupted. A command's own list, where it has one, is exact.\n\n");
    sb.append("## odtrial\n\n```\n")
        .append(root.getUsageMessage(CommandLine.Help.Ansi.OFF))
        .append("```\n");
    subcommands(root, "odtrial", sb);
    return sb.toString().replace("${env:ODTRIAL_HOME:-.}", "$ODTRIAL_HOME");
  }

  /** Each subcommand's help, then its own subcommands' (e.g. odtrial queries answer). */
  private static void subcommands(CommandLine parent, String path, StringBuilder sb) {
    for (Map.Entry<String, CommandLine> e : parent.getSubcommands().entrySet()) {
      if (e.getKey().equals("help") || !e.getValue().getCommandName().equals(e.getKey())) {
        continue; // picocli's help command, and aliases such as "analyze"
      }
      CommandLine sub = e.getValue();
      sub.setUsageHelpWidth(WIDTH);
      String name = path + " " + e.getKey();
      sb.append("\n## ")
          .append(name)
          .append("\n\n```\n")
          .append(sub.getUsageMessage(CommandLine.Help.Ansi.OFF))
          .append("```\n");
      subcommands(sub, name, sb);
    }
  }

  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of(args[0]), render(), StandardCharsets.UTF_8);
  }
}
