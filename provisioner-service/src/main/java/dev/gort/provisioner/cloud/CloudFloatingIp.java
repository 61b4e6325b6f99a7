package dev.gort.provisioner.cloud;

import java.util.List;
import java.util.Optional;

/** A Neutron floating IP: {@code portId} null when unattached; {@code tags} Neutron's tags. */
public record CloudFloatingIp(
    String id, String address, String portId, String floatingNetworkId, List<String> tags) {

  public CloudFloatingIp {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /**
   * The value of the first tag {@code key=value}, e.g. the environment id of {@code key} {@link
   * Cloud#ENVIRONMENT_TAG}.
   */
  public Optional<String> tagValue(String key) {
    String prefix = key + "=";
    return tags.stream()
        .filter(t -> t.startsWith(prefix))
        .map(t -> t.substring(prefix.length()))
        .findFirst();
  }

  public boolean attached() {
    return portId != null && !portId.isEmpty();
  }
}
