package org.odtrial.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code odtrial completion}: prints a bash/zsh completion script for every command and option. */
@Command(
    name = "completion",
    header = "Print a bash/zsh completion script.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Print a bash/zsh completion script for odtrial.",
      "Use: source <(./odtrial completion)   or save it under /etc/bash_completion.d/odtrial"
    })
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("odtrial", spec.root().commandLine());
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
