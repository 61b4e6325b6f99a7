package dev.gort.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.cli.CliContext;
import dev.gort.cli.FakeServer;
import dev.gort.cli.FakeServer.Reply;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.exit.ExitCode;
import dev.gort.cli.http.GortHttp;
import dev.gort.cli.output.OutputFormat;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String ISSUER = "http://127.0.0.1:8090/realms/gort";

  @TempDir Path home;

  private CliContext context(String issuer, Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("GORT_HOME", home.toString());
    return CliContext.of(
        URI.create("http://127.0.0.1:8081"),
        URI.create(issuer),
        "gort-cli",
        OutputFormat.TABLE,
        all);
  }

  private Credentials credentials(CliContext context) {
    return new Credentials(context, new GortHttp(), CLOCK);
  }

  private void cache(Instant expiresAt, String refresh) {
    new TokenCache(home)
        .save(new StoredToken(ISSUER, "gort-cli", "alice", "access", expiresAt, refresh, null));
  }

  private static ExitCode exitOf(Runnable call) {
    try {
      call.run();
      return ExitCode.SUCCESS;
    } catch (CliFailure failure) {
      return failure.exitCode();
    }
  }

  @Test
  void aLiveLoginIsSent() {
    cache(NOW.plusSeconds(600), null);

    assertThat(credentials(context(ISSUER, Map.of())).bearer()).isEqualTo("access");
  }

  @Test
  void gortTokenWinsOverTheCache() {
    cache(NOW.plusSeconds(600), null);

    assertThat(credentials(context(ISSUER, Map.of("GORT_TOKEN", " from-env "))).bearer())
        .isEqualTo("from-env");
  }

  @Test
  void anExpiredLoginWithoutRefreshAsksToLogInAgain() {
    cache(NOW.plusSeconds(5), null); // inside the margin: as good as expired

    assertThatThrownBy(() -> credentials(context(ISSUER, Map.of())).bearer())
        .isInstanceOf(CliFailure.class)
        .hasMessage("your login as alice expired at 2026-12-03T12:00:05Z: run gort login again");
    assertThat(exitOf(() -> credentials(context(ISSUER, Map.of())).bearer()))
        .isEqualTo(ExitCode.NOT_AUTHORIZED);
  }

  @Test
  void aLoginAtAnotherIssuerIsNotUsed() {
    cache(NOW.plusSeconds(600), null);

    assertThatThrownBy(() -> credentials(context("http://other:8090/realms/x", Map.of())).bearer())
        .hasMessageContaining("logged in at " + ISSUER + ", not at http://other:8090/realms/x");
  }

  @Test
  void anExpiredLoginWithARefreshTokenIsRefreshedAndSaved() throws Exception {
    try (FakeServer issuer = new FakeServer()) {
      String url = issuer.url() + "/realms/gort";
      issuer.on(
          "GET /realms/gort/.well-known/openid-configuration",
          Reply.json(200, "{\"token_endpoint\":\"" + url + "/protocol/openid-connect/token\"}"));
      issuer.on(
          "POST /realms/gort/protocol/openid-connect/token",
          Reply.json(
              200,
              "{\"access_token\":\"fresh\",\"expires_in\":300,\"refresh_token\":\"r2\","
                  + "\"refresh_expires_in\":1800}"));
      new TokenCache(home)
          .save(new StoredToken(url, "gort-cli", "alice", "old", NOW.minusSeconds(1), "r1", null));

      String bearer = credentials(context(url, Map.of())).bearer();

      assertThat(bearer).isEqualTo("fresh");
      StoredToken saved = new TokenCache(home).load().orElseThrow();
      assertThat(saved.expiresAt()).isEqualTo(NOW.plusSeconds(300));
      assertThat(saved.refreshToken()).isEqualTo("r2");
      assertThat(issuer.received().get(1).body())
          .contains("grant_type=refresh_token")
          .contains("refresh_token=r1");
    }
  }
}
