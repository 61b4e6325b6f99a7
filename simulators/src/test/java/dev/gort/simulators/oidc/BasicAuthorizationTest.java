package dev.gort.simulators.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAuthorizationTest {

  private static String basic(String raw) {
    return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void clientIdAndSecretAreFormDecoded() {
    // RFC 6749 2.3.1: both parts are application/x-www-form-urlencoded before they are joined
    assertThat(BasicAuthorization.parse(basic("my%20client:a%3Ab+c")))
        .contains(new BasicAuthorization("my client", "a:b c"));
  }

  @Test
  void schemeIsCaseInsensitive() {
    assertThat(BasicAuthorization.parse(basic("id:secret").replace("Basic", "basic")))
        .contains(new BasicAuthorization("id", "secret"));
  }

  @Test
  void anythingElseIsNoCredentials() {
    assertThat(BasicAuthorization.parse("Bearer abc")).isEmpty();
    assertThat(BasicAuthorization.parse("Basic !!!not-base64")).isEmpty();
    assertThat(BasicAuthorization.parse(basic("no-colon"))).isEmpty();
    assertThat(BasicAuthorization.parse(basic("id:%zz"))).isEmpty();
    assertThat(BasicAuthorization.parse("Basic")).isEmpty();
  }

  @Test
  void secretNeverShowsInToString() {
    assertThat(new BasicAuthorization("id", "s3cret").toString()).doesNotContain("s3cret");
  }
}
