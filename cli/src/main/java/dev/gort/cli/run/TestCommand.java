package dev.gort.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.CliContext;
import dev.gort.cli.GortCommand;
import dev.gort.cli.auth.Credentials;
import dev.gort.cli.http.GortHttp;
import dev.gort.cli.output.OutputFormat;
import dev.gort.cli.output.Printer;
import dev.gort.cli.output.Terminal;
import dev.gort.cli.remote.RemoteRun;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gort test EXPERIMENT}: a test run of the experiment through the scheduler; with {@code
 * --watch} followed until it finishes, exiting 0 when it PASSED and 1 otherwise. An experiment
 * whose test config holds a pipeline gets a pipeline run, shown and followed as {@code gort run}
 * shows and follows one (exit 0 when it SUCCEEDED).
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = "Start a test run of an experiment (and follow it with --watch).")
public class TestCommand implements Callable<Integer> {

  @ParentCommand GortCommand gort;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "EXPERIMENT", description = "The experiment's slug.")
  String experiment;

  @Option(
      names = "--runner",
      paramLabel = "R",
      description = "Test on this runner instead of the experiment's configured one.")
  String runner;

  @Option(names = "--watch", description = "Follow the run until it finishes.")
  boolean watch;

  @Override
  public Integer call() throws InterruptedException {
    CliContext context = gort.context();
    GortHttp http = new GortHttp();
    Clock clock = Clock.systemUTC();
    String bearer = new Credentials(context, http, clock).bearer();
    TestRunClient client = new TestRunClient(http, context.server(), bearer);
    PrintWriter out = spec.commandLine().getOut();
    Printer printer = new Printer(context.output(), out);
    TestRunClient.Started started = client.start(experiment, runner);
    if (started.pipelineRun()) {
      return RemoteRun.follow(
          gort, spec, started.run(), started.operationId(), watch, Terminal.interactive());
    }
    if (!watch) {
      printer.print(started.run(), RunTable::of);
      return 0;
    }
    JsonNode finished =
        new RunWatcher(
                client, statusLine(context, out), clock, wait -> Thread.sleep(wait.toMillis()))
            .watch(started);
    printer.print(finished, RunTable::of);
    RunOutcome.requirePassed(finished);
    return 0;
  }

  /** Progress on stdout for a table, on stderr beside JSON (so stdout stays one JSON document). */
  private StatusLine statusLine(CliContext context, PrintWriter out) {
    boolean terminal = Terminal.interactive();
    PrintWriter progress =
        context.output() == OutputFormat.JSON ? spec.commandLine().getErr() : out;
    return StatusLine.forOutput(progress, terminal);
  }
}
