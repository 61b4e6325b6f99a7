package dev.gort.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.cli.FakeServer;
import dev.gort.cli.FakeServer.Reply;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.exit.ExitCode;
import dev.gort.cli.http.GortHttp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client side of RFC 8628, over an issuer answering as the RFC says, on a clock we move. */
class DeviceLoginTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private Instant now = NOW;
  private final List<Duration> slept = new ArrayList<>();
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  private DeviceLogin login(FakeServer issuer, StringWriter out) {
    String url = issuer.url() + "/realms/gort";
    issuer.on(
        "GET /realms/gort/.well-known/openid-configuration",
        Reply.json(
            200,
            "{\"token_endpoint\":\""
                + url
                + "/token\",\"device_authorization_endpoint\":\""
                + url
                + "/device\"}"));
    issuer.on(
        "POST /realms/gort/device",
        Reply.json(
            200,
            "{\"device_code\":\"dc\",\"user_code\":\"WDJB-MJHT\",\"verification_uri\":\""
                + url
                + "/device/verify\",\"verification_uri_complete\":\""
                + url
                + "/device/verify?user_code=WDJB-MJHT\",\"expires_in\":30,\"interval\":2}"));
    return new DeviceLogin(
        new OidcClient(new GortHttp(), URI.create(url), "gort-cli"),
        clock,
        new PrintWriter(out),
        wait -> {
          slept.add(wait);
          now = now.plus(wait);
        });
  }

  @Test
  void pollsAtTheIntervalSlowsDownWhenToldAndReturnsTheToken() throws Exception {
    try (FakeServer issuer = new FakeServer()) {
      StringWriter out = new StringWriter();
      DeviceLogin login = login(issuer, out);
      issuer.on(
          "POST /realms/gort/token",
          Reply.json(400, "{\"error\":\"authorization_pending\"}"),
          Reply.json(400, "{\"error\":\"slow_down\"}"),
          Reply.json(400, "{\"error\":\"authorization_pending\"}"),
          Reply.json(200, "{\"access_token\":\"at\",\"expires_in\":300}"));

      StoredToken token = login.run();

      assertThat(token.accessToken()).isEqualTo("at");
      assertThat(slept)
          .containsExactly(
              Duration.ofSeconds(2),
              Duration.ofSeconds(2),
              Duration.ofSeconds(7),
              Duration.ofSeconds(7));
      assertThat(out.toString())
          .contains("\nverification_uri: " + issuer.url() + "/realms/gort/device/verify\n")
          .contains("\nuser_code: WDJB-MJHT\n")
          .contains(
              "\nverification_uri_complete: "
                  + issuer.url()
                  + "/realms/gort/device/verify?user_code=WDJB-MJHT\n");
      assertThat(issuer.received().get(2).body())
          .contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code")
          .contains("device_code=dc");
    }
  }

  @Test
  void aDeniedOrExpiredCodeIsNotAuthorized() throws Exception {
    for (String error : List.of("access_denied", "expired_token")) {
      try (FakeServer issuer = new FakeServer()) {
        DeviceLogin login = login(issuer, new StringWriter());
        issuer.on("POST /realms/gort/token", Reply.json(400, "{\"error\":\"" + error + "\"}"));

        assertThatThrownBy(login::run)
            .isInstanceOfSatisfying(
                CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCode.NOT_AUTHORIZED))
            .hasMessageContaining(error);
      }
    }
  }

  @Test
  void givesUpWhenTheCodeExpiresWhilePending() throws Exception {
    try (FakeServer issuer = new FakeServer()) {
      DeviceLogin login = login(issuer, new StringWriter());
      issuer.on(
          "POST /realms/gort/token", Reply.json(400, "{\"error\":\"authorization_pending\"}"));

      assertThatThrownBy(login::run).hasMessageContaining("login timed out");
      assertThat(Duration.between(NOW, now)).isEqualTo(Duration.ofSeconds(30));
    }
  }
}
