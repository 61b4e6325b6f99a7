package dev.gort.simulators.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.cli.auth.DeviceLogin;
import dev.gort.cli.auth.OidcClient;
import dev.gort.cli.auth.StoredToken;
import dev.gort.cli.http.GortHttp;
import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The command line's device login (its {@link DeviceLogin}) against this issuer: it reads the
 * discovery document, starts the flow, polls, is told to slow down, and gets alice's token once she
 * approves the code on the verification page. Its sleeps move the issuer's clock.
 */
@QuarkusTest
@TestProfile(MovableClockProfile.class)
@WithTestResource(SmtpPortResource.class)
class CliDeviceLoginTest {

  private static final Pattern USER_CODE = Pattern.compile("(?m)^user_code: (\\S+)$");
  private static final Pattern VERIFICATION_URI = Pattern.compile("(?m)^verification_uri: (\\S+)$");

  @Inject MovableClock clock;

  @Test
  void theCliGetsTheTokenOfTheUserWhoApprovesItsCode() {
    String issuer = DeviceFlowTest.issuer();
    StringWriter out = new StringWriter();
    List<Duration> slept = new ArrayList<>();
    DeviceLogin login =
        new DeviceLogin(
            new OidcClient(new GortHttp(), URI.create(issuer), "gort-cli"),
            clock,
            new PrintWriter(out),
            wait -> {
              slept.add(wait);
              if (slept.size() == 1) {
                // a second early: the issuer answers slow_down
                clock.advance(wait.minusSeconds(1));
                return;
              }
              if (slept.size() == 2) {
                assertThat(printed(VERIFICATION_URI, out)).isEqualTo(issuer + "/device");
                DeviceFlowTest.approve(printed(USER_CODE, out), "alice", "alice-test-password")
                    .statusCode(200);
              }
              clock.advance(wait);
            });

    StoredToken token = login.run();

    assertThat(token.username()).isEqualTo("alice");
    assertThat(token.issuer()).isEqualTo(issuer);
    assertThat(token.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
    assertThat(slept).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  private static String printed(Pattern line, StringWriter out) {
    Matcher matcher = line.matcher(out.toString());
    assertThat(matcher.find()).as("printed: %s", out).isTrue();
    return matcher.group(1);
  }
}
