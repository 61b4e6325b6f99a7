package dev.gort.notifier.preference;

import dev.gort.common.event.Outcome;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import dev.gort.notifier.channel.ChatChannel;
import dev.gort.notifier.channel.EmailChannel;
import dev.gort.notifier.channel.WebhookChannel;
import dev.gort.notifier.preference.PreferencesRequest.ChannelRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks an owner's preferences as sent, and answers every way they can be wrong with a 400 whose
 * detail (and {@code field} member) names the field: a missing or unknown channel type, an address
 * that is not one, a URL the outbound guard would refuse (not https unless allow-listed, a private
 * address, user info), a field the type does not take, too many channels, the same channel twice,
 * an unknown or repeated outcome. A plain function of the request and the guard's answer.
 */
public final class PreferencesCheck {

  public static final int MAX_CHANNELS = 10;
  static final int MAX_URL_LENGTH = 2048;
  static final int MAX_ADDRESS_LENGTH = 254;
  static final Set<String> TYPES = Set.of(EmailChannel.CODE, ChatChannel.CODE, WebhookChannel.CODE);

  /** An address mail servers take as it is: no display name, quotes, comments or spaces. */
  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
              + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  private final Function<String, Optional<String>> urlRefusal;

  /**
   * @param urlRefusal why the outbound guard would refuse a URL (https required unless
   *     allow-listed), or empty
   */
  public PreferencesCheck(Function<String, Optional<String>> urlRefusal) {
    this.urlRefusal = urlRefusal;
  }

  /**
   * @throws ProblemException 400 naming the first field at fault
   */
  public Preferences check(PreferencesRequest request) {
    if (request.channels() == null) {
      throw invalid("channels", "is required: a list of channels (it may be empty)");
    }
    if (request.channels().size() > MAX_CHANNELS) {
      throw invalid(
          "channels",
          "has " + request.channels().size() + " channels; at most " + MAX_CHANNELS + " are taken");
    }
    List<ChannelChoice> channels = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < request.channels().size(); i++) {
      String field = "channels[" + i + "]";
      ChannelChoice choice = channel(field, request.channels().get(i));
      Integer earlier = seen.putIfAbsent(key(choice), i);
      if (earlier != null) {
        throw invalid(field, "is the same channel as channels[" + earlier + "]");
      }
      channels.add(choice);
    }
    return new Preferences(channels, outcomes(request.outcomes()));
  }

  private ChannelChoice channel(String field, ChannelRequest channel) {
    if (channel == null || channel.type() == null || channel.type().isBlank()) {
      throw invalid(field + ".type", "is required: one of " + known());
    }
    String type = channel.type();
    if (!TYPES.contains(type)) {
      throw invalid(
          field + ".type",
          "is " + Untrusted.quote(type) + ", not a channel type: one of " + known());
    }
    if (type.equals(EmailChannel.CODE)) {
      if (channel.url() != null) {
        throw invalid(field + ".url", "is not taken by an email channel (it takes an address)");
      }
      return new ChannelChoice(type, address(field + ".address", channel.address()));
    }
    if (channel.address() != null) {
      throw invalid(field + ".address", "is not taken by a " + type + " channel (it takes a url)");
    }
    return new ChannelChoice(type, url(field + ".url", channel.url()));
  }

  /** Null (the run owner's address) when absent. */
  private static String address(String field, String address) {
    if (address == null) {
      return null;
    }
    if (address.length() > MAX_ADDRESS_LENGTH || !EMAIL.matcher(address).matches()) {
      throw invalid(field, "is " + Untrusted.quote(address) + ", not an email address");
    }
    return address;
  }

  private String url(String field, String url) {
    if (url == null || url.isBlank()) {
      throw invalid(field, "is required: the https URL the notifications are posted to");
    }
    if (url.length() > MAX_URL_LENGTH) {
      throw invalid(field, "has " + url.length() + " characters; at most " + MAX_URL_LENGTH);
    }
    Optional<String> refusal = urlRefusal.apply(url);
    if (refusal.isPresent()) {
      throw invalid(
          field, "is refused by the outbound guard: " + Untrusted.escape(refusal.get(), 200));
    }
    return url;
  }

  private static Set<Outcome> outcomes(List<String> given) {
    if (given == null) {
      return EnumSet.allOf(Outcome.class);
    }
    EnumSet<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
    for (int i = 0; i < given.size(); i++) {
      String field = "outcomes[" + i + "]";
      Outcome outcome = outcome(field, given.get(i));
      if (!outcomes.add(outcome)) {
        throw invalid(field, "is " + outcome + " again");
      }
    }
    return outcomes;
  }

  private static Outcome outcome(String field, String name) {
    for (Outcome outcome : Outcome.values()) {
      if (outcome.name().equals(name)) {
        return outcome;
      }
    }
    throw invalid(
        field,
        "is "
            + Untrusted.quote(name)
            + ", not an outcome: one of "
            + Arrays.stream(Outcome.values()).map(Enum::name).collect(Collectors.joining(", ")));
  }

  /**
   * Two channels are the same when they have the same type and destination (addresses any case).
   */
  private static String key(ChannelChoice choice) {
    String destination = choice.destination() == null ? "" : choice.destination();
    return choice.type()
        + " "
        + (choice.type().equals(EmailChannel.CODE)
            ? destination.toLowerCase(Locale.ROOT)
            : destination);
  }

  private static String known() {
    return TYPES.stream().sorted().collect(Collectors.joining(", "));
  }

  private static ProblemException invalid(String field, String what) {
    return new ProblemException(400, "Bad Request", field + " " + what, Map.of("field", field));
  }
}
