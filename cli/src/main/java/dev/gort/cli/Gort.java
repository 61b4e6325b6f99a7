package dev.gort.cli;

import dev.gort.cli.exit.ExitCodeMapper;
import java.util.Map;
import picocli.CommandLine;

/** {@code gort}'s entry point: the command line, with every failure leaving through one mapper. */
public final class Gort {

  private Gort() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /** The command line over {@code env}: its {@code GORT_*} variables, as tests set them. */
  public static CommandLine commandLine(Map<String, String> env) {
    ExitCodeMapper exits = new ExitCodeMapper();
    return new CommandLine(new GortCommand(env))
        .setDefaultValueProvider(new EnvironmentDefaults(env))
        .setExecutionExceptionHandler(exits)
        .setParameterExceptionHandler(exits);
  }
}
