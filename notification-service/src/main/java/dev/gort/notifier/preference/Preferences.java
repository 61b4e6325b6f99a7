package dev.gort.notifier.preference;

import dev.gort.common.event.Outcome;
import dev.gort.notifier.channel.EmailChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What an owner wants to be told, and how: channels, and the outcomes they are for. */
public record Preferences(List<ChannelChoice> channels, Set<Outcome> outcomes) {

  /** An owner who chose nothing: email to the experiment owner's address, for every outcome. */
  public static final Preferences DEFAULT =
      new Preferences(
          List.of(new ChannelChoice(EmailChannel.CODE, null)), EnumSet.allOf(Outcome.class));

  public Preferences {
    channels = List.copyOf(channels);
    EnumSet<Outcome> inOrder = EnumSet.noneOf(Outcome.class);
    inOrder.addAll(outcomes);
    outcomes = Collections.unmodifiableSet(inOrder);
  }

  /**
   * Where the notifications of a run that ended with {@code outcome} go: each chosen channel, if
   * the outcome is chosen; an email channel without an address goes to {@code ownerEmail}, and
   * nowhere when the run carries none.
   */
  public List<Destination> destinationsFor(Outcome outcome, String ownerEmail) {
    List<Destination> found = new ArrayList<>();
    if (!outcomes.contains(outcome)) {
      return found;
    }
    for (ChannelChoice channel : channels) {
      String address = channel.destination();
      if (address == null && EmailChannel.CODE.equals(channel.type())) {
        address = ownerEmail == null || ownerEmail.isBlank() ? null : ownerEmail.trim();
      }
      Destination destination = address == null ? null : new Destination(channel.type(), address);
      if (destination != null && !found.contains(destination)) {
        found.add(destination);
      }
    }
    return found;
  }
}
