package dev.gort.cli.exit;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place an exception becomes an exit code and a one-line message on stderr: a {@link
 * CliFailure} says both itself, a connection that could not be made is "server unreachable", a
 * command line picocli cannot parse is a usage error, and anything else is a failure named by its
 * message only (never a stack trace, never a class name unless there is no message).
 */
public final class ExitCodeMapper
    implements IExecutionExceptionHandler, IParameterExceptionHandler {

  /** What an exception means for the exit: the code and the line to print. */
  public record Exit(ExitCode code, String message) {}

  public static Exit exitFor(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CliFailure) {
        CliFailure cli = (CliFailure) t;
        return new Exit(cli.exitCode(), cli.getMessage());
      }
      if (t instanceof ParameterException) {
        return new Exit(ExitCode.USAGE, t.getMessage());
      }
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException
          || t instanceof HttpTimeoutException) {
        return new Exit(ExitCode.SERVER_UNREACHABLE, "server unreachable: " + describe(t));
      }
    }
    return new Exit(ExitCode.RUN_FAILED, "failed: " + describe(failure));
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : oneLine(message);
  }

  static String oneLine(String message) {
    String line = message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    return line.length() > 400 ? line.substring(0, 400) + "…" : line;
  }

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    return report(exitFor(exception), commandLine.getErr());
  }

  @Override
  public int handleParseException(ParameterException exception, String[] args) {
    CommandLine command = exception.getCommandLine();
    return report(
        new Exit(
            ExitCode.USAGE,
            oneLine(exception.getMessage())
                + " (gort "
                + subcommandPath(command)
                + "--help says how)"),
        command.getErr());
  }

  private static String subcommandPath(CommandLine command) {
    String qualified = command.getCommandSpec().qualifiedName(" ");
    String path = qualified.startsWith("gort") ? qualified.substring(4).strip() : qualified;
    return path.isEmpty() ? "" : path + " ";
  }

  private static int report(Exit exit, PrintWriter err) {
    err.println("gort: " + oneLine(exit.message()));
    err.flush();
    return exit.code().code();
  }
}
