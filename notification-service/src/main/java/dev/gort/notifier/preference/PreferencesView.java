package dev.gort.notifier.preference;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gort.notifier.channel.Destinations;
import dev.gort.notifier.channel.EmailChannel;
import java.time.Instant;
import java.util.List;

/**
 * An owner's preferences as the API shows them; {@code stored} is false for an owner who chose
 * nothing (the defaults are shown). The owner sees its URLs whole; anyone else (an operator) sees
 * their origin only, as they hold the hook's credential.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreferencesView(
    String owner,
    boolean stored,
    List<ChannelView> channels,
    List<String> outcomes,
    String setBy,
    Instant setDateTime) {

  /** A channel: an email address (absent: the experiment owner's), or a URL. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ChannelView(String type, String address, String url) {

    static ChannelView of(ChannelChoice choice, boolean whole) {
      if (EmailChannel.CODE.equals(choice.type())) {
        return new ChannelView(choice.type(), choice.destination(), null);
      }
      String url =
          whole
              ? choice.destination()
              : Destinations.forOthers(choice.type(), choice.destination());
      return new ChannelView(choice.type(), null, url);
    }
  }

  static PreferencesView of(
      String owner, Preferences preferences, OwnerPreference stored, boolean whole) {
    return new PreferencesView(
        owner,
        stored != null,
        preferences.channels().stream().map(c -> ChannelView.of(c, whole)).toList(),
        preferences.outcomes().stream().map(Enum::name).toList(),
        stored == null ? null : stored.setBy,
        stored == null ? null : stored.setAt);
  }
}
