package dev.gort.cli;

import dev.gort.cli.exit.ExitCodeMapper;
import picocli.CommandLine;

/** {@code gort}'s entry point: the command line, with every failure leaving through one mapper. */
public final class Gort {

  private Gort() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    ExitCodeMapper exits = new ExitCodeMapper();
    return new CommandLine(new GortCommand())
        .setExecutionExceptionHandler(exits)
        .setParameterExceptionHandler(exits);
  }
}
