package dev.gort.notifier.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.event.Outcome;
import dev.gort.common.web.ProblemException;
import dev.gort.notifier.preference.PreferencesRequest.ChannelRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checks of a PUT's body, without HTTP; the guard's answer is given. */
class PreferencesCheckTest {

  private final List<String> checked = new ArrayList<>();
  private final PreferencesCheck check =
      new PreferencesCheck(
          url -> {
            checked.add(url);
            return url.contains("10.0.0.1")
                ? Optional.of("10.0.0.1 is private (RFC 1918) and 10.0.0.1:443 is not allow-listed")
                : Optional.empty();
          });

  @Test
  void channelsAndOutcomesAreTakenAndUrlsCheckedWithTheGuard() {
    Preferences p =
        check.check(
            new PreferencesRequest(
                List.of(
                    new ChannelRequest("email", null, null),
                    new ChannelRequest("chat", null, "https://hooks.example.org/x")),
                List.of("TIMED_OUT", "FAILED")));

    assertThat(p.channels())
        .containsExactly(
            new ChannelChoice("email", null),
            new ChannelChoice("chat", "https://hooks.example.org/x"));
    assertThat(p.outcomes()).containsExactly(Outcome.FAILED, Outcome.TIMED_OUT);
    assertThat(checked).containsExactly("https://hooks.example.org/x");
  }

  @Test
  void withoutOutcomesEveryOutcomeIsChosen() {
    assertThat(check.check(new PreferencesRequest(List.of(), null)).outcomes())
        .isEqualTo(EnumSet.allOf(Outcome.class));
  }

  @Test
  void aRefusedUrlIsA400NamingTheField() {
    assertThatThrownBy(
            () ->
                check.check(
                    new PreferencesRequest(
                        List.of(new ChannelRequest("webhook", null, "https://10.0.0.1/h")), null)))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.toProblem().extensions()).containsEntry("field", "channels[0].url");
            })
        .hasMessage(
            "channels[0].url is refused by the outbound guard: 10.0.0.1 is private (RFC 1918) and"
                + " 10.0.0.1:443 is not allow-listed");
  }

  @Test
  void anEmailChannelWithoutAddressGoesToTheRunsOwnerAndOutcomesNotChosenGoNowhere() {
    Preferences p =
        new Preferences(
            List.of(new ChannelChoice("email", null), new ChannelChoice("webhook", "https://h/x")),
            EnumSet.of(Outcome.FAILED));

    assertThat(p.destinationsFor(Outcome.FAILED, "alice@example.org"))
        .containsExactly(
            new Destination("email", "alice@example.org"),
            new Destination("webhook", "https://h/x"));
    assertThat(p.destinationsFor(Outcome.FAILED, null))
        .containsExactly(new Destination("webhook", "https://h/x"));
    assertThat(p.destinationsFor(Outcome.PASSED, "alice@example.org")).isEmpty();
    assertThat(Preferences.DEFAULT.destinationsFor(Outcome.PASSED, "a@example.org"))
        .containsExactly(new Destination("email", "a@example.org"));
  }

  @Test
  void theSameAddressTwiceIsOneDestination() {
    Preferences p =
        new Preferences(
            List.of(new ChannelChoice("email", null), new ChannelChoice("email", "a@example.org")),
            EnumSet.allOf(Outcome.class));

    assertThat(p.destinationsFor(Outcome.PASSED, "a@example.org"))
        .containsExactly(new Destination("email", "a@example.org"));
  }
}
