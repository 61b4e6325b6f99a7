package dev.gort.common.outbound;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which destinations a URL that came from outside may reach: any public address, and the refused
 * classes ({@link AddressClass}) only where the allow-list names them. A plain function of its
 * inputs; it never resolves a name.
 */
public final class OutboundPolicy {

  private final List<AllowEntry> allowed;

  public OutboundPolicy(List<AllowEntry> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /** A policy allowing the entries given as text ({@code host:port}, {@code host}, CIDR). */
  public static OutboundPolicy allowing(String... entries) {
    return new OutboundPolicy(Arrays.stream(entries).map(AllowEntry::parse).toList());
  }

  /**
   * Why a connection for the URL host {@code host} to {@code address} on {@code port} is refused,
   * or empty when it may be made.
   */
  public Optional<String> refusal(String host, int port, InetAddress address) {
    AddressClass addressClass = AddressClass.of(address);
    if (!addressClass.refused()) {
      return Optional.empty();
    }
    for (AllowEntry entry : allowed) {
      if (entry.matches(host, port, address)) {
        return Optional.empty();
      }
    }
    return Optional.of(
        address.getHostAddress()
            + " is "
            + addressClass.description()
            + " and "
            + host
            + ":"
            + port
            + " is not allow-listed");
  }

  /**
   * Whether the allow-list names the connection for URL host {@code host} to {@code address} on
   * {@code port}, whatever the address class (for rules stricter than the class: plain http).
   */
  public boolean allowListed(String host, int port, InetAddress address) {
    for (AllowEntry entry : allowed) {
      if (entry.matches(host, port, address)) {
        return true;
      }
    }
    return false;
  }

  public List<AllowEntry> allowed() {
    return allowed;
  }
}
