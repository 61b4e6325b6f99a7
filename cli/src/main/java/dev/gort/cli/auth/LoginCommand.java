package dev.gort.cli.auth;

import dev.gort.cli.CliContext;
import dev.gort.cli.GortCommand;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.http.GortHttp;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gort login}: a token from the issuer, kept under gort's home (mode 0600). With {@code
 * --username} the password grant (the password from {@code --password-stdin} or asked on the
 * terminal, never an argument); without, the device flow: a code to enter at the issuer's page.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = "Log in at the OIDC issuer; the token is cached in GORT_HOME (~/.gort).")
public class LoginCommand implements Callable<Integer> {

  @ParentCommand GortCommand gort;
  @Spec CommandSpec spec;

  @Option(
      names = {"-u", "--username"},
      paramLabel = "NAME",
      description = "Log in with this user's password (the password grant).")
  String username;

  @Option(
      names = "--password-stdin",
      description = "Read the password from the first line of standard input.")
  boolean passwordFromStdin;

  @Option(
      names = "--device",
      description = "Log in with the device flow (the default without --username).")
  boolean device;

  @Override
  public Integer call() {
    CliContext context = gort.context();
    PrintWriter out = spec.commandLine().getOut();
    if (device && username != null) {
      throw CliFailure.usage("--device and --username exclude each other");
    }
    if (passwordFromStdin && username == null) {
      throw CliFailure.usage("--password-stdin needs --username");
    }
    OidcClient oidc = new OidcClient(new GortHttp(), context.issuer(), context.clientId());
    Clock clock = Clock.systemUTC();
    StoredToken token =
        username != null
            ? oidc.password(username, password(), clock.instant())
            : new DeviceLogin(oidc, clock, out).run();
    context.tokens().save(token);
    out.println(
        "logged in as "
            + token.username()
            + " at "
            + context.issuer()
            + " until "
            + token.expiresAt());
    out.flush();
    return 0;
  }

  private String password() {
    if (passwordFromStdin) {
      try {
        String line =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
          throw CliFailure.usage("--password-stdin: standard input held no password");
        }
        return line;
      } catch (IOException e) {
        throw CliFailure.usage("--password-stdin: standard input could not be read");
      }
    }
    Console console = System.console();
    if (console == null) {
      throw CliFailure.usage(
          "no terminal to ask the password on: pipe it in with --password-stdin");
    }
    char[] password = console.readPassword("password for %s: ", username);
    if (password == null || password.length == 0) {
      throw CliFailure.usage("no password given");
    }
    return new String(password);
  }
}
