package org.odtrial.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.odtrial.analysis.plan.AnalysisPlan;
import org.odtrial.analysis.plan.PlanReader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code odtrial plan}: prints an analysis plan in canonical form, with its fingerprint. */
@Command(
    name = "plan",
    header = "Print an analysis plan in canonical form.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Print an analysis plan as canonical JSON (the form whose SHA-256 results.json records): plan"
          + " version 2, its settings and its estimands (ICH E9(R1)), each naming the rows of its"
          + " main and sensitivity analyses. A plan file is checked key by key; a version-1 plan"
          + " (no plan_version) is printed as the version-2 plan it stands for. Start a plan of"
          + " your own with: odtrial plan --default > my-plan.json"
    })
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Source {
    @Option(
        names = "--default",
        required = true,
        description = "The default plan that ships with odtrial.")
    boolean defaults;

    @Option(
        names = "--file",
        required = true,
        paramLabel = "FILE",
        description = "A plan file to check and print in canonical form.")
    Path file;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--sha256", description = "Print only the plan's SHA-256.")
  boolean sha256;

  @Override
  public Integer call() {
    AnalysisPlan plan = source.defaults ? AnalysisPlan.defaults() : PlanReader.read(source.file);
    PrintWriter out = spec.commandLine().getOut();
    out.print(sha256 ? plan.sha256() + "\n" : plan.toJson());
    out.flush();
    return 0;
  }
}
