package org.odtrial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odtrial.analysis.AnalysisException;
import org.odtrial.cli.internal.Exits;
import org.odtrial.cli.internal.Terminal;
import org.odtrial.ingest.IngestException;
import org.odtrial.ingest.store.StoreException;
import org.odtrial.ingest.validate.Redaction;
import org.odtrial.report.ReportException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code odtrial} command: holds the subcommands ({@link #SUBCOMMANDS}, added when
 * the command line is built rather than named in the annotation, so that a run of one of them
 * builds the model of that one only).
 */
@Command(
    name = "odtrial",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Research data platform for cluster-randomised trials of Open Dialogue.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (validation may report warnings)",
      "1:the data has errors and nothing was stored, or the store no longer matches its seal",
      "2:usage error, or a file or database could not be read or written"
    })
public final class OdtrialCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** The subcommands, in the order {@code odtrial --help} lists them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ValidateCommand.class,
          IngestCommand.class,
          GenerateCommand.class,
          DemoCommand.class,
          LoadsCommand.class,
          WarningsCommand.class,
          QueriesCommand.class,
          DiffCommand.class,
          AnalyseCommand.class,
          SimulateCommand.class,
          ReportCommand.class,
          RunCommand.class,
          UnblindCommand.class,
          LockCommand.class,
          UnlockCommand.class,
          InitRolesCommand.class,
          VerifyCommand.class,
          HistoryCommand.class,
          PlanCommand.class,
          CompletionCommand.class,
          CommandLine.HelpCommand.class);

  /** A configured command line with every subcommand, as used by {@link Main} and by tests. */
  public static CommandLine commandLine() {
    return commandLine(Terminal.detect());
  }

  static CommandLine commandLine(Terminal terminal) {
    return configured(new CommandLine(new OdtrialCommand()), terminal, SUBCOMMANDS);
  }

  /**
   * A configured command line for running {@code args}: when they start with the name of a
   * subcommand, the model of that subcommand only (picocli otherwise builds, by reflection, the
   * model of all 21 and their options on every run: a third of the start-up of {@code validate});
   * else ({@code --help}, {@code help}, {@code completion}, an unknown name, nothing) every one. A
   * run of one subcommand behaves the same either way: its parsing, help and errors involve only
   * itself and the top-level command (CommandLineTest compares the two).
   */
  public static CommandLine commandLine(Terminal terminal, String... args) {
    if (listsOnly(args)) {
      CommandLine cl = new CommandLine(new OdtrialCommand());
      for (Class<?> c : SUBCOMMANDS) {
        cl.addSubcommand(summary(c));
      }
      return configured(cl, terminal, List.of());
    }
    Class<?> only = args.length > 0 ? runOnly(args[0]) : null;
    return only == null
        ? commandLine(terminal)
        : configured(new CommandLine(new OdtrialCommand()), terminal, List.of(only));
  }

  /**
   * Whether {@code args} need of the subcommands only what {@code odtrial --help} lists (their
   * names, aliases and first lines): odtrial's own help or version, or no arguments at all (an
   * error followed by the same help).
   */
  private static boolean listsOnly(String... args) {
    return args.length == 0
        || (args.length == 1 && List.of("--help", "-h", "--version", "-V").contains(args[0]));
  }

  /**
   * A subcommand as {@code odtrial --help} lists it, read from its annotation alone: picocli's
   * model of its options (built by reflection over its fields, mixins and converters) is left out.
   */
  private static CommandLine.Model.CommandSpec summary(Class<?> c) {
    Command a = c.getAnnotation(Command.class);
    CommandLine.Model.CommandSpec spec =
        CommandLine.Model.CommandSpec.create().name(a.name()).aliases(a.aliases());
    spec.usageMessage().header(a.header()).description(a.description()).hidden(a.hidden());
    return spec;
  }

  /** The subcommand named (or aliased) {@code name} that runs alone; null for any other word. */
  private static Class<?> runOnly(String name) {
    for (Class<?> c : SUBCOMMANDS) {
      if (c == CompletionCommand.class || c == CommandLine.HelpCommand.class) {
        continue; // these read the whole command tree
      }
      Command command = c.getAnnotation(Command.class);
      if (command.name().equals(name) || Arrays.asList(command.aliases()).contains(name)) {
        return c;
      }
    }
    return null;
  }

  private static CommandLine configured(
      CommandLine cl, Terminal terminal, List<Class<?>> subcommands) {
    // subcommands first: the settings below reach only the subcommands present when they are made
    for (Class<?> c : subcommands) {
      cl.addSubcommand(c);
    }
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(terminal.ansi()));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(OdtrialCommand::handle);
    cl.setParameterExceptionHandler(OdtrialCommand::handleUsage);
    CommandLine generate = cl.getSubcommands().get("generate");
    if (generate != null && generate.getCommand() instanceof GenerateCommand) { // not a summary
      Map<String, CommandLine.IHelpSectionRenderer> sections = generate.getHelpSectionMap();
      sections.put(
          CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
          help -> GenerateCommand.footer(help.commandSpec().usageMessage().width()));
      generate.setHelpSectionMap(sections);
    }
    return cl;
  }

  /**
   * A usage error, as picocli's own handler shows it (the message, then suggestions for a mistyped
   * name or else the usage), except that the message never repeats a direct identifier: picocli
   * quotes the arguments it could not match, paths included.
   */
  private static int handleUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println(cl.getColorScheme().errorText(Redaction.redact(e.getMessage())));
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      cl.usage(err, cl.getColorScheme());
    }
    err.flush();
    return cl.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * Runs the command line as {@link Main} does: like {@link CommandLine#execute}, and besides, an
   * {@link Error} (out of memory, a stack overflow) becomes one clear line and exit code 2, never a
   * stack trace; and a command asked for {@code --format json} that fails before printing anything
   * prints a JSON object saying so, so its standard output always parses.
   */
  public static int execute(CommandLine cl, String... args) {
    Output out = new Output(cl.getOut());
    cl.setOut(out);
    int exit;
    try {
      exit = cl.execute(args);
    } catch (OutOfMemoryError e) {
      exit =
          failure(
              cl,
              args,
              "out of memory: this input needs more memory than the Java heap allows ("
                  + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                  + " MiB); run with a larger heap, e.g. ODTRIAL_JAVA_OPTS=-Xmx4g",
              e);
    } catch (StackOverflowError e) {
      exit = failure(cl, args, "the input is nested too deeply to be read (stack overflow)", e);
    } catch (Error e) { // anything else the JVM throws: still one line, never a trace
      exit = failure(cl, args, "internal error (" + e.getClass().getSimpleName() + ")", e);
    }
    if (exit == Exits.USAGE_OR_IO && !out.written && wantsJson(cl, args)) {
      out.print(jsonError(exit, out.lastError));
      out.flush();
    }
    // a PrintWriter keeps write failures to itself: without this, findings sent to a full disk
    // (validate ... > findings.json) were lost with exit code 0 or 1
    if (out.checkError()) {
      exit = outputLost(cl, args, exit);
    }
    return exit;
  }

  /**
   * The exit code once standard output turned out not to be written: 2, with one line saying so,
   * unless the command failed already.
   */
  static int outputLost(CommandLine cl, String[] args, int exit) {
    if (exit != Exits.OK && exit != Exits.FINDINGS) {
      return exit;
    }
    String name = args.length > 0 && cl.getSubcommands().containsKey(args[0]) ? args[0] : "odtrial";
    cl.getErr()
        .printf(
            Locale.ROOT,
            "odtrial %s: error: standard output could not be written (a full disk, or a pipe"
                + " closed early), so what was printed is incomplete; the command itself ended"
                + " with exit code %d%n",
            name,
            exit);
    cl.getErr().flush();
    return Exits.USAGE_OR_IO;
  }

  /** Remembers the message of a failure reported by a command itself, for the JSON error. */
  static void noteError(CommandLine cl, String message) {
    if (cl.getOut() instanceof Output o) {
      o.lastError = message;
    }
  }

  private static int failure(CommandLine cl, String[] args, String message, Throwable e) {
    String name = args.length > 0 && cl.getSubcommands().containsKey(args[0]) ? args[0] : "odtrial";
    cl.getErr()
        .println(
            String.format(Locale.ROOT, "odtrial %s: error: %s", name, Redaction.redact(message)));
    if (System.getenv("ODTRIAL_DEBUG") != null) {
      e.printStackTrace(cl.getErr());
    }
    cl.getErr().flush();
    if (cl.getOut() instanceof Output o) {
      o.lastError = message;
    }
    return Exits.USAGE_OR_IO;
  }

  /** Whether the command was asked for JSON (and has a --format option to ask it with). */
  private static boolean wantsJson(CommandLine cl, String[] args) {
    CommandLine sub = args.length > 0 ? cl.getSubcommands().get(args[0]) : null;
    if (sub == null || sub.getCommandSpec().findOption("--format") == null) {
      return false;
    }
    for (int i = 0; i < args.length; i++) {
      // the value is case-insensitive (setCaseInsensitiveEnumValuesAllowed) in either form
      if ((args[i].startsWith("--format=") && args[i].substring(9).equalsIgnoreCase("json"))
          || (args[i].equals("--format")
              && i + 1 < args.length
              && args[i + 1].equalsIgnoreCase("json"))) {
        return true;
      }
    }
    return false;
  }

  private static String jsonError(int exit, String message) {
    StringBuilder b =
        new StringBuilder("{\"error\": {\"exit\": ").append(exit).append(", \"message\": \"");
    String m = message == null ? "see standard error" : Redaction.redact(message);
    for (char c : m.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append("\"}}\n").toString();
  }

  /** Standard output, remembering whether anything was written. */
  private static final class Output extends PrintWriter {
    boolean written;
    String lastError;

    Output(PrintWriter out) {
      super(out, true);
    }

    @Override
    public void write(int c) {
      written = true;
      super.write(c);
    }

    @Override
    public void write(char[] buf, int off, int len) {
      written |= len > 0;
      super.write(buf, off, len);
    }

    @Override
    public void write(String str, int off, int len) {
      written |= len > 0;
      super.write(str, off, len);
    }
  }

  /**
   * Known failures (bad files, databases, I/O) become one clear line and exit code 2 (a store that
   * no longer matches its seal: 1, as data with errors); anything else is a bug and says so, with
   * the stack trace only when ODTRIAL_DEBUG is set. Messages never repeat a direct identifier (a
   * path or reason holding one).
   */
  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    String name = cl.getCommandSpec().qualifiedName();
    String line;
    if (e instanceof IngestException
        || e instanceof AnalysisException
        || e instanceof ReportException
        || e instanceof IOException
        || e instanceof UncheckedIOException
        || e instanceof IllegalArgumentException) {
      line = String.format(Locale.ROOT, "%s: error: %s", name, message(e));
    } else {
      line =
          String.format(
              Locale.ROOT,
              "%s: internal error (%s): %s. Please report it; set ODTRIAL_DEBUG=1 for"
                  + " details.",
              name,
              e.getClass().getSimpleName(),
              message(e));
    }
    cl.getErr().println(Redaction.redact(line));
    if (System.getenv("ODTRIAL_DEBUG") != null) {
      e.printStackTrace(cl.getErr());
    }
    if (cl.getOut() instanceof Output o) {
      o.lastError = message(e);
    }
    return e instanceof StoreException s && s.kind() == StoreException.Kind.TAMPERED
        ? Exits.FINDINGS
        : Exits.USAGE_OR_IO;
  }

  private static String message(Throwable e) {
    if (e instanceof UncheckedIOException u && u.getCause() != null) {
      e = u.getCause();
    }
    String m = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + m;
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + m;
    }
    // these carry only the path, which alone says nothing of what went wrong
    if (e instanceof java.nio.file.FileAlreadyExistsException f
        && f.getReason() == null
        && f.getFile() != null) {
      // what Files.createDirectories throws for a file in the way of a folder to write into
      return java.nio.file.Files.isDirectory(java.nio.file.Path.of(f.getFile()))
          ? f.getFile() + " already exists"
          : f.getFile() + " is a file, not a folder";
    }
    if (e instanceof java.nio.file.NotDirectoryException f && f.getFile() != null) {
      return f.getFile() + " is not a folder";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
