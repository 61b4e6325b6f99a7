package dev.gort.cli.exit;

/**
 * Why a command ends other than with success: the exit code and the one line said on stderr. Thrown
 * anywhere in a command; {@link ExitCodeMapper} turns it into the exit.
 */
public class CliFailure extends RuntimeException {

  private final ExitCode exitCode;

  public CliFailure(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliFailure(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public static CliFailure usage(String message) {
    return new CliFailure(ExitCode.USAGE, message);
  }

  public static CliFailure notAuthorized(String message) {
    return new CliFailure(ExitCode.NOT_AUTHORIZED, message);
  }

  public static CliFailure unreachable(String message, Throwable cause) {
    return new CliFailure(ExitCode.SERVER_UNREACHABLE, message, cause);
  }

  public static CliFailure runFailed(String message) {
    return new CliFailure(ExitCode.RUN_FAILED, message);
  }
}
