package dev.gort.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class FailurePagesTest {

  @Test
  void anIssuerThatDoesNotAnswerIsSaidSo() {
    assertThat(
            FailurePages.shownFor(new OIDCException("OIDC Server is not available"), 500).status())
        .isEqualTo(503);
    assertThat(
            FailurePages.shownFor(
                    new AuthenticationFailedException(new ConnectException("refused")), 500)
                .status())
        .isEqualTo(503);
  }

  @Test
  void aSignInThatFailedCanBeTriedAgain() {
    var page = FailurePages.shownFor(new AuthenticationFailedException("bad state"), 401);
    assertThat(page.status()).isEqualTo(401);
    assertThat(page.title() + page.message())
        .contains("Sign-in did not complete")
        .doesNotContain("bad state", "Exception");
  }

  @Test
  void otherFailuresShowNoDetail() {
    assertThat(FailurePages.shownFor(new ForbiddenException(), 403).status()).isEqualTo(403);
    assertThat(FailurePages.shownFor(null, 413).status()).isEqualTo(413);
    var page = FailurePages.shownFor(new IllegalStateException("secret detail"), 500);
    assertThat(page.status()).isEqualTo(500);
    assertThat(page.title() + page.message()).doesNotContain("secret detail");
  }
}
