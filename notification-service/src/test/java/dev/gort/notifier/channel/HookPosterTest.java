package dev.gort.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.common.outbound.OutboundFetchException;
import org.junit.jupiter.api.Test;

class HookPosterTest {

  @Test
  void timeoutsTooManyRequestsAndServerErrorsAreWorthAnotherTry() {
    for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
      assertThat(HookPoster.retryable(status)).as("%d", status).isTrue();
    }
  }

  @Test
  void otherClientErrorsAndRedirectsAreNot() {
    for (int status : new int[] {301, 307, 400, 401, 403, 404, 410, 413, 422}) {
      assertThat(HookPoster.retryable(status)).as("%d", status).isFalse();
    }
  }

  @Test
  void aRefusalIsPermanentAndNoAnswerIsNot() {
    assertThat(
            HookPoster.failure(OutboundFetchException.notDelivered("webhook", "h.test", true, 0)))
        .satisfies(f -> assertThat(f.permanent()).isTrue())
        .hasMessage("webhook could not be delivered to h.test (refused by the outbound guard)");
    assertThat(
            HookPoster.failure(OutboundFetchException.notDelivered("webhook", "h.test", false, 0)))
        .satisfies(f -> assertThat(f.permanent()).isFalse())
        .hasMessage("webhook could not be delivered to h.test (no answer)");
    assertThat(
            HookPoster.failure(
                OutboundFetchException.notDelivered("webhook", "h.test", false, 404)))
        .satisfies(f -> assertThat(f.permanent()).isTrue())
        .hasMessage("webhook could not be delivered to h.test (answered 404)");
  }

  @Test
  void othersSeeAWebhooksOriginOnly() {
    assertThat(Destinations.forOthers("chat", "https://hooks.slack.com/services/T0/B0/secret"))
        .isEqualTo("https://hooks.slack.com/…");
    assertThat(Destinations.forOthers("webhook", "http://127.0.0.1:8090/sim/webhooks/a?t=1"))
        .isEqualTo("http://127.0.0.1:8090/…");
    assertThat(Destinations.forOthers("email", "alice@example.org")).isEqualTo("alice@example.org");
  }
}
