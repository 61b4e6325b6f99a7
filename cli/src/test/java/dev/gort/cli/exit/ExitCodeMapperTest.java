package dev.gort.cli.exit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.cli.Gort;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExitCodeMapperTest {

  @Test
  void aCliFailureExitsWithItsOwnCodeAndMessage() {
    assertThat(ExitCodeMapper.exitFor(CliFailure.notAuthorized("log in")))
        .isEqualTo(new ExitCodeMapper.Exit(ExitCode.NOT_AUTHORIZED, "log in"));
    assertThat(ExitCodeMapper.exitFor(CliFailure.usage("bad")).code()).isEqualTo(ExitCode.USAGE);
    assertThat(ExitCodeMapper.exitFor(CliFailure.runFailed("FAILED")).code().code()).isEqualTo(1);
    assertThat(ExitCodeMapper.exitFor(CliFailure.unreachable("down", null)).code().code())
        .isEqualTo(3);
  }

  @Test
  void aFailureWrappedInAnotherIsFoundByItsCause() {
    RuntimeException wrapped = new RuntimeException("outer", CliFailure.notAuthorized("inner"));

    assertThat(ExitCodeMapper.exitFor(wrapped))
        .isEqualTo(new ExitCodeMapper.Exit(ExitCode.NOT_AUTHORIZED, "inner"));
  }

  @Test
  void aRefusedConnectionIsServerUnreachable() {
    UncheckedIOException failure =
        new UncheckedIOException(new ConnectException("Connection refused"));

    ExitCodeMapper.Exit exit = ExitCodeMapper.exitFor(failure);

    assertThat(exit.code()).isEqualTo(ExitCode.SERVER_UNREACHABLE);
    assertThat(exit.message()).isEqualTo("server unreachable: Connection refused");
  }

  @Test
  void anythingElseIsAFailureNamedByItsMessageOnOneLine() {
    ExitCodeMapper.Exit exit =
        ExitCodeMapper.exitFor(new IllegalStateException("first line\n  second line\n"));

    assertThat(exit.code()).isEqualTo(ExitCode.RUN_FAILED);
    assertThat(exit.message()).isEqualTo("failed: first line; second line");
    assertThat(ExitCodeMapper.exitFor(new NullPointerException()).message())
        .isEqualTo("failed: NullPointerException");
  }

  @Test
  void theCodesAreTheIssues() {
    assertThat(ExitCode.values()).extracting(ExitCode::code).containsExactly(0, 1, 2, 3, 4);
  }

  private record Ran(int exit, String out, String err) {}

  private static Ran gort(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine gort = Gort.commandLine(Map.of("GORT_HOME", "/nonexistent/gort-home-for-tests"));
    gort.setOut(new PrintWriter(out));
    gort.setErr(new PrintWriter(err));
    int exit = gort.execute(args);
    return new Ran(exit, out.toString(), err.toString());
  }

  @Test
  void usageErrorsExitTwoWithOneLineOnStderr() {
    Ran missing = gort("test");
    Ran unknown = gort("frobnicate");
    Ran format = gort("--output", "xml", "test", "demo");
    Ran server = gort("--server", "ftp://example", "test", "demo");

    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err())
        .isEqualTo("gort: Missing required parameter: 'EXPERIMENT' (gort test --help says how)\n");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err())
        .startsWith("gort: Unmatched argument")
        .endsWith("(gort --help says how)\n");
    assertThat(format.exit()).isEqualTo(2);
    assertThat(format.err()).contains("'xml' is not an output format; use table or json");
    assertThat(server.exit()).isEqualTo(2);
    assertThat(server.err())
        .isEqualTo("gort: --server must be an http(s) URL with a host, not 'ftp://example'\n");
  }

  @Test
  void gortAloneShowsTheUsageAndIsAUsageError() {
    Ran alone = gort();

    assertThat(alone.exit()).isEqualTo(2);
    assertThat(alone.err()).contains("Usage: gort").contains("gort: say what to do");
  }

  @Test
  void helpIsSuccessAndListsTheExitCodes() {
    Ran help = gort("--help");

    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("4   not authorized").contains("--server=URL");
  }

  @Test
  void withoutALoginATestRunIsNotAuthorized() {
    Ran test = gort("test", "demo");

    assertThat(test.exit()).isEqualTo(4);
    assertThat(test.err()).isEqualTo("gort: not logged in: run gort login first\n");
  }
}
