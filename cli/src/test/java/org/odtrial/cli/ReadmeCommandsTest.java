package org.odtrial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code ./odtrial} command of the README's shell blocks, in order, as a new user would
 * from the repository root, and checks its exit code: 0, or the code its comment names ({@code #
 * exit 1: ...}). Paths under sample-data/ are the repository's; every other path goes to a
 * temporary folder standing in for the working folder.
 *
 * <p>Two things differ from a user's run, both to keep the suite short: {@code simulate} runs at
 * most {@value #SIMULATED_REPS} of its {@code --reps} (the command's options, files and exit code
 * do not depend on how many; the engine's figures are tested in the analysis module), and the
 * output of {@code demo} is checked here rather than by a second run of it elsewhere.
 */
class ReadmeCommandsTest {
  private static final Path ROOT = SampleData.CLEAN.getParent();

  /** Options whose value is a path. */
  private static final Set<String> PATH_OPTIONS =
      Set.of(
          "--db",
          "--out",
          "-o",
          "--output",
          "--plan",
          "--split-by-site",
          "--work",
          "--data",
          "--results");

  /** Commands whose first positional parameter is a path. */
  private static final Set<String> PATH_PARAMETER = Set.of("validate", "ingest", "import", "run");

  /** The reps a README {@code simulate} command runs here. */
  private static final int SIMULATED_REPS = 3;

  @TempDir Path work;

  @Test
  void everyReadmeCommandExitsAsDocumented() throws Exception {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    boolean inShell = false;
    int run = 0;
    Run demo = null;
    for (String line : lines) {
      if (line.startsWith("```")) {
        inShell = !inShell && line.equals("```sh");
        continue;
      }
      if (!inShell) {
        continue;
      }
      String command = line.contains("<(./odtrial") ? "./odtrial completion" : line;
      if (!command.startsWith("./odtrial")) {
        continue; // e.g. mvn -B verify
      }
      String comment = "";
      int hash = command.indexOf(" #");
      if (hash >= 0) {
        comment = command.substring(hash);
        command = command.substring(0, hash);
      }
      java.util.regex.Matcher exit = java.util.regex.Pattern.compile("exit (\\d)").matcher(comment);
      int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
      List<String> words = words(command.strip());
      words.remove(0); // ./odtrial
      String redirect = null;
      int gt = words.indexOf(">");
      if (gt >= 0) {
        redirect = words.get(gt + 1);
        words = new ArrayList<>(words.subList(0, gt));
      }
      List<String> args = paths(words);
      Run r = Run.of(args.toArray(String[]::new));
      assertThat(r.exit()).as("%s%n%s%s", line, r.out(), r.err()).isEqualTo(expected);
      assertThat(r.err()).as(line).doesNotContain("Exception").doesNotContain("internal error");
      if (redirect != null) {
        Files.writeString(work.resolve(redirect), r.out(), StandardCharsets.UTF_8);
      }
      if (args.get(0).equals("demo")) {
        demo = r;
      }
      run++;
    }
    assertThat(run).as("README commands run").isGreaterThan(25);
    // the README's first command runs the main job on the sample trial
    assertThat(demo).as("the README runs demo").isNotNull();
    assertThat(demo.out())
        .contains(
            "INVALID",
            "Stored load 1",
            "Unchanged",
            "load  loaded_at",
            "Intact: 2 entries in the seal chain (1 load, 0 events, 1 revision of the query"
                + " history)",
            "relapse.cox",
            "report.html");
    assertThat(work.resolve("demo-work").resolve("trial.db")).exists();
  }

  /** The arguments with their paths placed: sample-data/ in the repository, the rest in work. */
  private List<String> paths(List<String> words) {
    List<String> out = new ArrayList<>();
    out.add(words.get(0));
    // validate DIR, ingest DIR, run DIR, queries import FILE: the next bare word is a path
    boolean pathNext = PATH_PARAMETER.contains(words.get(0));
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      String previous = words.get(i - 1);
      if (PATH_OPTIONS.contains(previous)) {
        out.add(place(w));
      } else if (previous.equals("--reps") && out.get(0).equals("simulate")) {
        out.add(Integer.toString(Math.min(Integer.parseInt(w), SIMULATED_REPS)));
      } else if (w.startsWith("-") || previous.startsWith("-")) {
        out.add(w); // an option or its value
      } else if (pathNext) {
        out.add(place(w));
        pathNext = false;
      } else {
        out.add(w); // a subcommand or an id
        pathNext = PATH_PARAMETER.contains(w);
      }
    }
    if (out.get(0).equals("demo") && !out.contains("--work")) {
      out.add("--data");
      out.add(ROOT.resolve("sample-data").toString());
      out.add("--work");
      out.add(work.resolve("demo-work").toString());
    }
    return out;
  }

  private String place(String path) {
    return (path.startsWith("sample-data") ? ROOT.resolve(path) : work.resolve(path)).toString();
  }

  /** Splits a shell command line into words, honouring double quotes. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          out.add(w.toString());
          w.setLength(0);
          any = false;
        }
      } else {
        w.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(w.toString());
    }
    return out;
  }
}
