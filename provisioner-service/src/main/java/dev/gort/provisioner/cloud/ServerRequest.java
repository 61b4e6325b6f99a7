package dev.gort.provisioner.cloud;

import java.util.Map;
import java.util.Objects;

/**
 * A Nova server to boot: {@code flavorName} null = the configured flavor ({@code baremetal});
 * {@code reservationId} (Blazar's reservation, not the lease) becomes {@code
 * os:scheduler_hints.reservation}, none if null; {@code metadata} should carry {@link
 * Cloud#ENVIRONMENT_TAG}.
 */
public record ServerRequest(
    String name,
    String imageId,
    String flavorName,
    String networkId,
    String keyName,
    String reservationId,
    Map<String, String> metadata) {

  public ServerRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(networkId, "networkId");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
