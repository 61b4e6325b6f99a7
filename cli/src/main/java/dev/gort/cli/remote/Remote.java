package dev.gort.cli.remote;

import dev.gort.cli.CliContext;
import dev.gort.cli.GortCommand;
import dev.gort.cli.auth.Credentials;
import dev.gort.cli.http.GortHttp;
import dev.gort.cli.output.OutputFormat;
import dev.gort.cli.output.Printer;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a command that talks to the scheduler starts with: the context, the client with the caller's
 * token (exit 4 before any request when there is none), and where it prints.
 */
record Remote(
    CliContext context,
    PipelineRunClient client,
    Printer printer,
    PrintWriter out,
    PrintWriter err) {

  static Remote of(GortCommand gort, CommandSpec spec) {
    CliContext context = gort.context();
    GortHttp http = new GortHttp();
    String bearer = new Credentials(context, http, Clock.systemUTC()).bearer();
    PrintWriter out = spec.commandLine().getOut();
    return new Remote(
        context,
        new PipelineRunClient(http, context.server(), bearer),
        new Printer(context.output(), out),
        out,
        spec.commandLine().getErr());
  }

  boolean json() {
    return context.output() == OutputFormat.JSON;
  }
}
