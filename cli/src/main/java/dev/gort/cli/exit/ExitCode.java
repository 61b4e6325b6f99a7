package dev.gort.cli.exit;

/** What {@code gort} exits with (issue 13, "The gort command line"). */
public enum ExitCode {
  SUCCESS(0),
  RUN_FAILED(1),
  USAGE(2),
  SERVER_UNREACHABLE(3),
  NOT_AUTHORIZED(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
