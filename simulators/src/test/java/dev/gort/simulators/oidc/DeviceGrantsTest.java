package dev.gort.simulators.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.simulators.oidc.DeviceAuthorization.Poll;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The device authorizations' decisions as plain functions of the time we pass. */
class DeviceGrantsTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private final DeviceGrants grants =
      new DeviceGrants(Duration.ofSeconds(600), Duration.ofSeconds(5), 3);

  private Poll poll(DeviceAuthorization started, long secondsAfterStart) {
    return grants
        .poll(started.deviceCode(), "gort-cli", T0.plusSeconds(secondsAfterStart))
        .map(DeviceGrants.Answer::poll)
        .orElse(null);
  }

  @Test
  void pendingUntilDecidedWhenPolledAtTheInterval() {
    DeviceAuthorization started = grants.start("gort-cli", T0);

    assertThat(poll(started, 5)).isEqualTo(Poll.PENDING);
    assertThat(poll(started, 10)).isEqualTo(Poll.PENDING);
  }

  @Test
  void pollingSoonerThanTheIntervalSlowsDownAndTheIntervalGrowsByFiveSeconds() {
    DeviceAuthorization started = grants.start("gort-cli", T0);

    assertThat(poll(started, 4)).isEqualTo(Poll.SLOW_DOWN);
    assertThat(started.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(poll(started, 13)).isEqualTo(Poll.SLOW_DOWN);
    assertThat(started.interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(poll(started, 28)).isEqualTo(Poll.PENDING);
  }

  @Test
  void anApprovedCodeGivesItsUserOnceAndIsThenUnknown() {
    DeviceAuthorization started = grants.start("gort-cli", T0);

    assertThat(grants.decide(started.userCode().toLowerCase(), "alice", true, T0.plusSeconds(3)))
        .isTrue();
    DeviceGrants.Answer answer =
        grants.poll(started.deviceCode(), "gort-cli", T0.plusSeconds(5)).orElseThrow();
    assertThat(answer.poll()).isEqualTo(Poll.APPROVED);
    assertThat(answer.username()).isEqualTo("alice");
    assertThat(grants.poll(started.deviceCode(), "gort-cli", T0.plusSeconds(10))).isEmpty();
  }

  @Test
  void aDecidedCodeAnswersEvenWhenPolledTooSoon() {
    DeviceAuthorization started = grants.start("gort-cli", T0);
    grants.decide(started.userCode(), "alice", true, T0.plusSeconds(1));

    assertThat(poll(started, 2)).isEqualTo(Poll.APPROVED);
  }

  @Test
  void aDeniedCodeAnswersAccessDeniedOnce() {
    DeviceAuthorization started = grants.start("gort-cli", T0);
    grants.decide(started.userCode(), "alice", false, T0.plusSeconds(3));

    assertThat(poll(started, 5)).isEqualTo(Poll.DENIED);
    assertThat(poll(started, 10)).isNull();
  }

  @Test
  void aCodeIsDecidedOnlyOnce() {
    DeviceAuthorization started = grants.start("gort-cli", T0);

    assertThat(grants.decide(started.userCode(), "alice", false, T0.plusSeconds(1))).isTrue();
    assertThat(grants.decide(started.userCode(), "bob", true, T0.plusSeconds(2))).isFalse();
    assertThat(poll(started, 5)).isEqualTo(Poll.DENIED);
  }

  @Test
  void anExpiredCodeCannotBeApprovedAndAnswersExpiredOnce() {
    DeviceAuthorization started = grants.start("gort-cli", T0);

    assertThat(grants.decide(started.userCode(), "alice", true, T0.plusSeconds(600))).isFalse();
    assertThat(poll(started, 600)).isEqualTo(Poll.EXPIRED);
    assertThat(poll(started, 605)).isNull();
  }

  @Test
  void aCodeIsPolledOnlyByTheClientItWasIssuedTo() {
    DeviceAuthorization started = grants.start("gort-cli", T0);

    assertThat(grants.poll(started.deviceCode(), "other", T0.plusSeconds(5))).isEmpty();
    assertThat(grants.poll("never-issued", "gort-cli", T0.plusSeconds(5))).isEmpty();
  }

  @Test
  void unknownUserCodesDecideNothing() {
    grants.start("gort-cli", T0);

    assertThat(grants.decide("BBBB-BBBB", "alice", true, T0)).isFalse();
    assertThat(grants.decide("not a code", "alice", true, T0)).isFalse();
    assertThat(grants.decide(null, "alice", true, T0)).isFalse();
  }

  @Test
  void noMoreThanTheBoundAreHeldUntilSomeExpire() {
    grants.start("gort-cli", T0);
    grants.start("gort-cli", T0);
    grants.start("gort-cli", T0.plusSeconds(100));

    assertThatThrownBy(() -> grants.start("gort-cli", T0.plusSeconds(599)))
        .isInstanceOfSatisfying(
            TokenRequestRejected.class,
            e -> assertThat(e.rejection()).isEqualTo(TokenRejection.TOO_MANY_DEVICE_CODES));
    // the two started at T0 have expired: they make room
    grants.start("gort-cli", T0.plusSeconds(600));
    assertThat(grants.size()).isEqualTo(2);
  }

  @Test
  void expiredCodesAreForgottenOneLifetimeAfterTheyExpire() {
    grants.start("gort-cli", T0);

    grants.start("gort-cli", T0.plusSeconds(1200));

    assertThat(grants.size()).isEqualTo(1);
  }
}
