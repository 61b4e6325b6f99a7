package dev.gort.notifier.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Every {@link Channel}, by its code. */
@ApplicationScoped
public class Channels {

  private final Map<String, Channel> byCode;

  @Inject
  public Channels(Instance<Channel> channels) {
    this.byCode =
        channels.stream()
            .collect(Collectors.toMap(Channel::code, c -> c, (a, b) -> a, TreeMap::new));
  }

  public Optional<Channel> of(String code) {
    return Optional.ofNullable(byCode.get(code));
  }
}
