package dev.gort.notifier.preference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.event.Outcome;
import dev.gort.common.time.StoredTime;
import dev.gort.notifier.channel.EmailChannel;
import dev.gort.notifier.preference.PreferencesRequest.ChannelRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Owners' preferences in {@code owner_preference}; an owner without a row has the defaults. */
@ApplicationScoped
public class OwnerPreferences {

  private static final TypeReference<List<ChannelRequest>> CHANNELS = new TypeReference<>() {};
  private static final TypeReference<List<Outcome>> OUTCOMES = new TypeReference<>() {};

  @Inject ObjectMapper json;
  @Inject Clock clock;

  /** What {@code owner} chose, or the defaults (for an owner who chose nothing, or nobody). */
  public Preferences of(String owner) {
    return stored(owner).map(this::read).orElse(Preferences.DEFAULT);
  }

  Optional<OwnerPreference> stored(String owner) {
    return owner == null ? Optional.empty() : OwnerPreference.findByIdOptional(owner);
  }

  /** Replaces what {@code owner} chose, {@code by} the caller; answers the stored row. */
  @Transactional
  public OwnerPreference put(String owner, Preferences preferences, String by) {
    OwnerPreference row =
        OwnerPreference.<OwnerPreference>findByIdOptional(owner, LockModeType.PESSIMISTIC_WRITE)
            .orElse(null);
    if (row == null) {
      row = new OwnerPreference();
      row.owner = owner;
    }
    row.channelsJson =
        write(preferences.channels().stream().map(OwnerPreferences::asStored).toList());
    row.outcomesJson = write(preferences.outcomes());
    row.setBy = by;
    row.setAt = StoredTime.of(clock.instant());
    row.persist();
    return row;
  }

  Preferences read(OwnerPreference row) {
    try {
      List<ChannelChoice> channels =
          json.readValue(row.channelsJson, CHANNELS).stream()
              .map(
                  c ->
                      new ChannelChoice(
                          c.type(), EmailChannel.CODE.equals(c.type()) ? c.address() : c.url()))
              .toList();
      return new Preferences(channels, Set.copyOf(json.readValue(row.outcomesJson, OUTCOMES)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("owner_preference of " + row.owner + " is not readable", e);
    }
  }

  private static ChannelRequest asStored(ChannelChoice choice) {
    return EmailChannel.CODE.equals(choice.type())
        ? new ChannelRequest(choice.type(), choice.destination(), null)
        : new ChannelRequest(choice.type(), null, choice.destination());
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("preferences cannot be written as JSON", e);
    }
  }
}
