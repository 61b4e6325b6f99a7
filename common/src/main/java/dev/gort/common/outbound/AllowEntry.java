package dev.gort.common.outbound;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of {@code gort.outbound.allow}: a destination that may be reached although its address
 * class is refused. Written {@code host:port}, {@code host} (any port), or a CIDR range (any port);
 * a host is a name, an IPv4 address or an IPv6 address ({@code [::1]:8090}, or bare {@code ::1} for
 * any port). An address or range matches the address the URL's host resolved to; a name matches the
 * URL's host name, and then whatever that name resolves to is trusted.
 */
public final class AllowEntry {

  static final int ANY_PORT = -1;
  private static final Pattern HOST_NAME =
      Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");

  private final String text;
  private final String hostName;
  private final InetAddress address;
  private final Cidr range;
  private final int port;

  private AllowEntry(String text, String hostName, InetAddress address, Cidr range, int port) {
    this.text = text;
    this.hostName = hostName;
    this.address = address;
    this.range = range;
    this.port = port;
  }

  /**
   * Reads one entry; also how configuration converts {@code gort.outbound.allow}.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static AllowEntry parse(String entry) {
    String text = entry == null ? "" : entry.trim();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("an empty allow-list entry");
    }
    if (text.contains("/")) {
      return new AllowEntry(text, null, null, Cidr.parse(text), ANY_PORT);
    }
    String host = text;
    int port = ANY_PORT;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("an IPv6 address without its ']': " + text);
      }
      host = text.substring(0, close + 1);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("expected ':port' after the IPv6 address: " + text);
        }
        port = port(rest.substring(1), text);
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      host = text.substring(0, text.indexOf(':'));
      port = port(text.substring(text.indexOf(':') + 1), text);
    }
    Optional<InetAddress> literal = IpLiteral.parse(host);
    if (literal.isPresent()) {
      return new AllowEntry(text, null, literal.get(), null, port);
    }
    if (host.contains(":") || host.startsWith("[")) {
      throw new IllegalArgumentException("not an IPv6 address: " + text);
    }
    String name = hostName(host);
    if (name.matches("[0-9.]+")) {
      throw new IllegalArgumentException("not an IPv4 address (a.b.c.d): " + text);
    }
    if (!HOST_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "not a host name, address or CIDR range (no wildcards): " + text);
    }
    return new AllowEntry(text, name, null, null, port);
  }

  /** Whether a connection for URL host {@code host} to {@code address} on {@code port} is named. */
  public boolean matches(String host, int port, InetAddress address) {
    if (this.port != ANY_PORT && this.port != port) {
      return false;
    }
    if (range != null) {
      return range.contains(address);
    }
    if (this.address != null) {
      return Arrays.equals(this.address.getAddress(), address.getAddress());
    }
    return hostName.equals(hostName(host));
  }

  /** A host name compared as DNS compares it: without case or the root's trailing dot. */
  static String hostName(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private static int port(String digits, String entry) {
    try {
      int port = Integer.parseInt(digits);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("not a port (1-65535): " + entry);
  }

  @Override
  public String toString() {
    return text;
  }
}
