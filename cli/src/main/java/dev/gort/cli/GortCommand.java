package dev.gort.cli;

import dev.gort.cli.auth.LoginCommand;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.local.ReportsCommand;
import dev.gort.cli.local.RunCommand;
import dev.gort.cli.output.OutputFormat;
import dev.gort.cli.pipeline.PipelineCommand;
import dev.gort.cli.remote.CancelCommand;
import dev.gort.cli.remote.RunsCommand;
import dev.gort.cli.remote.SendMessageCommand;
import dev.gort.cli.remote.ShowCommand;
import dev.gort.cli.remote.StepActionCommand;
import dev.gort.cli.remote.StepsCommand;
import dev.gort.cli.remote.UploadCommand;
import dev.gort.cli.run.TestCommand;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code gort}: the global options every subcommand takes (before or after its name), and the
 * subcommands. The defaults are the local stack's ({@code deploy/local/start}); {@code
 * GORT_SERVER}, {@code GORT_ISSUER}, {@code GORT_CLIENT_ID} and {@code GORT_OUTPUT} change them for
 * a shell ({@link EnvironmentDefaults}).
 */
@Command(
    name = "gort",
    mixinStandardHelpOptions = true,
    versionProvider = GortVersion.class,
    description =
        "Gort's command line: log in, start test runs and follow them, check pipeline files, run"
            + " pipelines on the server or on this machine, steer their steps and read their"
            + " reports.",
    subcommands = {
      LoginCommand.class,
      TestCommand.class,
      PipelineCommand.class,
      RunCommand.class,
      RunsCommand.class,
      ShowCommand.class,
      CancelCommand.class,
      StepsCommand.class,
      StepActionCommand.Pause.class,
      StepActionCommand.Resume.class,
      StepActionCommand.Interrupt.class,
      StepActionCommand.Rerun.class,
      StepActionCommand.Skip.class,
      StepActionCommand.Unskip.class,
      SendMessageCommand.class,
      ReportsCommand.class,
      UploadCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the run failed",
      "2:usage or validation error",
      "3:server unreachable",
      "4:not authorized (log in with gort login)"
    })
public class GortCommand implements Runnable {

  static final String LOCAL_SERVER = "http://127.0.0.1:8081";
  static final String LOCAL_ISSUER = "http://127.0.0.1:8090/realms/gort";

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  public GortCommand() {
    this(System.getenv());
  }

  /**
   * @param env the environment the defaults and {@code GORT_HOME}/{@code GORT_TOKEN} come from
   */
  public GortCommand(Map<String, String> env) {
    this.env = env;
  }

  @Option(
      names = "--server",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      defaultValue = LOCAL_SERVER,
      description = "The scheduler's base URL (default: ${DEFAULT-VALUE}).")
  URI server;

  @Option(
      names = "--issuer",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      defaultValue = LOCAL_ISSUER,
      description = "The OIDC issuer gort login asks for a token (default: ${DEFAULT-VALUE}).")
  URI issuer;

  @Option(
      names = "--client-id",
      scope = ScopeType.INHERIT,
      paramLabel = "ID",
      defaultValue = "gort-cli",
      description = "The OIDC client gort logs in as (default: ${DEFAULT-VALUE}).")
  String clientId;

  @Option(
      names = "--output",
      scope = ScopeType.INHERIT,
      paramLabel = "FORMAT",
      defaultValue = "table",
      converter = OutputFormat.Converter.class,
      description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  /** What the subcommands are run with, from the global options and the environment. */
  public CliContext context() {
    return CliContext.of(server, issuer, clientId, output, env);
  }

  /** {@code gort} alone: the usage, and a usage error, since nothing was asked. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw CliFailure.usage(
        "say what to do: gort login, gort test EXPERIMENT, gort pipeline validate FILE, gort run"
            + " FILE [--local], gort runs, gort show RUN, gort reports [--local] (gort --help lists"
            + " every command)");
  }
}
