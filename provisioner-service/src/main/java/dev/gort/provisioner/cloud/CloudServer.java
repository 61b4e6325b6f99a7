package dev.gort.provisioner.cloud;

import java.util.Map;

/**
 * A Nova server: {@code status} as Nova names it ({@code BUILD}, {@code ACTIVE}, {@code ERROR}, …);
 * {@code faultMessage} Nova's {@code fault.message} (null unless ERROR); the first fixed and
 * floating IPv4 address of its {@code addresses}, null if none.
 */
public record CloudServer(
    String id,
    String name,
    String status,
    String faultMessage,
    String fixedIp,
    String floatingIp,
    Map<String, String> metadata) {

  public CloudServer {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
