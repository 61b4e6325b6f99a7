package dev.gort.notifier.preference;

import java.util.List;

/**
 * The body of {@code PUT /api/v1/owners/{owner}/preferences}, as sent: {@code {"channels":
 * [{"type": "email", "address": …} | {"type": "chat" | "webhook", "url": …}], "outcomes": [...]}}.
 * {@link PreferencesCheck} turns it into {@link Preferences} or says what is wrong with it.
 */
public record PreferencesRequest(List<ChannelRequest> channels, List<String> outcomes) {

  /** One channel as sent; which of {@code address} and {@code url} it takes depends on the type. */
  public record ChannelRequest(String type, String address, String url) {}
}
