package dev.gort.cli.auth;

import dev.gort.cli.CliContext;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.http.GortHttp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The bearer token a command sends: {@code GORT_TOKEN} when set (for scripts and CI), else the
 * cached login, refreshed when it has expired and the issuer gave a refresh token; otherwise "not
 * authorized" (exit 4) saying how to log in.
 */
public final class Credentials {

  /** A token this close to its expiry is not sent: it could expire on the way. */
  static final Duration MARGIN = Duration.ofSeconds(15);

  private final CliContext context;
  private final GortHttp http;
  private final Clock clock;

  public Credentials(CliContext context, GortHttp http, Clock clock) {
    this.context = context;
    this.http = http;
    this.clock = clock;
  }

  public String bearer() {
    String fromEnv = context.env().get("GORT_TOKEN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    TokenCache cache = context.tokens();
    StoredToken token =
        cache
            .load()
            .orElseThrow(() -> CliFailure.notAuthorized("not logged in: run gort login first"));
    if (!context.issuer().toString().equals(token.issuer())) {
      throw CliFailure.notAuthorized(
          "logged in at "
              + token.issuer()
              + ", not at "
              + context.issuer()
              + ": run gort login --issuer "
              + context.issuer());
    }
    Instant now = clock.instant();
    if (token.usableAt(now, MARGIN)) {
      return token.accessToken();
    }
    if (token.refreshableAt(now)) {
      StoredToken refreshed =
          new OidcClient(http, context.issuer(), token.clientId()).refresh(token, now);
      cache.save(refreshed);
      return refreshed.accessToken();
    }
    throw CliFailure.notAuthorized(
        "your login as "
            + token.username()
            + " expired at "
            + token.expiresAt()
            + ": run gort login again");
  }
}
