package dev.gort.cli.auth;

import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.run.RunWatcher;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The device authorization grant from the command line's side (RFC 8628): show the user code and
 * the page to enter it on, then poll at the issuer's interval, five seconds slower after each
 * {@code slow_down}, until the user approves, denies, or the code expires.
 */
public final class DeviceLogin {

  private static final Duration SLOW_DOWN = Duration.ofSeconds(5);

  private final OidcClient oidc;
  private final Clock clock;
  private final PrintWriter out;
  private final RunWatcher.Sleeper sleeper;

  DeviceLogin(OidcClient oidc, Clock clock, PrintWriter out) {
    this(oidc, clock, out, wait -> Thread.sleep(wait.toMillis()));
  }

  /** With the sleeper (and clock) a test controls. */
  public DeviceLogin(OidcClient oidc, Clock clock, PrintWriter out, RunWatcher.Sleeper sleeper) {
    this.oidc = oidc;
    this.clock = clock;
    this.out = out;
    this.sleeper = sleeper;
  }

  public StoredToken run() {
    OidcClient.DeviceCode code = oidc.startDeviceFlow();
    // one "name: value" line each, so a script (or a test) can read them
    out.println("To log in, open the verification page and enter the code:");
    out.println("verification_uri: " + code.verificationUri());
    out.println("user_code: " + code.userCode());
    if (code.verificationUriComplete() != null) {
      out.println("verification_uri_complete: " + code.verificationUriComplete());
    }
    out.flush();
    Instant deadline = clock.instant().plus(code.expiresIn());
    Duration interval = code.interval();
    while (clock.instant().isBefore(deadline)) {
      sleep(interval);
      OidcClient.Grant grant = oidc.pollDevice(code, clock.instant());
      if (grant.granted()) {
        return grant.token();
      }
      String error = grant.error();
      if ("slow_down".equals(error)) {
        interval = interval.plus(SLOW_DOWN);
      } else if (!"authorization_pending".equals(error)) {
        throw CliFailure.notAuthorized(
            "login refused: "
                + (grant.description() == null ? error : grant.description())
                + " ("
                + error
                + ")");
      }
    }
    throw CliFailure.notAuthorized("login timed out: the code " + code.userCode() + " expired");
  }

  private void sleep(Duration interval) {
    try {
      sleeper.sleep(interval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.notAuthorized("login interrupted");
    }
  }
}
