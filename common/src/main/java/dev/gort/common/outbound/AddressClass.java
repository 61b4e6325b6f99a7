package dev.gort.common.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What kind of destination an IP address is. Everything but {@link #PUBLIC} is refused unless the
 * allow-list names it: these reach the machine itself, its network or its cloud's metadata service
 * (169.254.169.254), which a URL that came from outside must not.
 */
public enum AddressClass {
  PUBLIC("public"),
  LOOPBACK("loopback"),
  LINK_LOCAL("link-local"),
  PRIVATE("private (RFC 1918)"),
  CARRIER_GRADE_NAT("shared address space (CGNAT, RFC 6598)"),
  UNIQUE_LOCAL("unique local (fc00::/7)"),
  MULTICAST("multicast"),
  UNSPECIFIED("unspecified"),
  BROADCAST("broadcast"),
  RESERVED("reserved or special-purpose");

  private final String description;

  AddressClass(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  public boolean refused() {
    return this != PUBLIC;
  }

  // IANA's special-purpose registries; the first range that holds an address decides, so a
  // narrower range comes before the wider one it sits in.
  private static final List<Map.Entry<Cidr, AddressClass>> IPV4 =
      List.of(
          range("0.0.0.0/32", UNSPECIFIED),
          range("0.0.0.0/8", RESERVED),
          range("10.0.0.0/8", PRIVATE),
          range("100.64.0.0/10", CARRIER_GRADE_NAT),
          range("127.0.0.0/8", LOOPBACK),
          range("169.254.0.0/16", LINK_LOCAL),
          range("172.16.0.0/12", PRIVATE),
          range("192.0.0.0/24", RESERVED),
          range("192.0.2.0/24", RESERVED),
          range("192.88.99.0/24", RESERVED),
          range("192.168.0.0/16", PRIVATE),
          range("198.18.0.0/15", RESERVED),
          range("198.51.100.0/24", RESERVED),
          range("203.0.113.0/24", RESERVED),
          range("224.0.0.0/4", MULTICAST),
          range("255.255.255.255/32", BROADCAST),
          range("240.0.0.0/4", RESERVED));

  private static final List<Map.Entry<Cidr, AddressClass>> IPV6 =
      List.of(
          range("::/128", UNSPECIFIED),
          range("::1/128", LOOPBACK),
          // IPv4-compatible (deprecated): what is not :: or ::1 is no destination
          range("::/96", RESERVED),
          range("64:ff9b:1::/48", RESERVED),
          range("100::/64", RESERVED),
          range("2001:db8::/32", RESERVED),
          range("fc00::/7", UNIQUE_LOCAL),
          range("fe80::/10", LINK_LOCAL),
          range("fec0::/10", RESERVED),
          range("ff00::/8", MULTICAST));

  /** The class of {@code address}; an IPv6 address that embeds an IPv4 one is classed by that. */
  public static AddressClass of(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return lookUp(IPV4, bytes);
    }
    byte[] embedded = embeddedIpv4(bytes);
    if (embedded != null) {
      return lookUp(IPV4, embedded);
    }
    if (isTeredo(bytes)) {
      // 2001::/32 carries the Teredo server's IPv4 and the client's, the latter inverted
      AddressClass server = lookUp(IPV4, Arrays.copyOfRange(bytes, 4, 8));
      if (server.refused()) {
        return server;
      }
      byte[] client = Arrays.copyOfRange(bytes, 12, 16);
      for (int i = 0; i < 4; i++) {
        client[i] = (byte) ~client[i];
      }
      return lookUp(IPV4, client);
    }
    return lookUp(IPV6, bytes);
  }

  /**
   * The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), NAT64 ({@code
   * 64:ff9b::a.b.c.d}) or 6to4 ({@code 2002:aabb:ccdd::}) address, or null.
   */
  static byte[] embeddedIpv4(byte[] v6) {
    if (startsWith(v6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff)
        || startsWith(v6, 0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
      return Arrays.copyOfRange(v6, 12, 16);
    }
    if (startsWith(v6, 0x20, 0x02)) {
      return Arrays.copyOfRange(v6, 2, 6);
    }
    return null;
  }

  private static boolean isTeredo(byte[] v6) {
    return startsWith(v6, 0x20, 0x01, 0, 0);
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static AddressClass lookUp(List<Map.Entry<Cidr, AddressClass>> table, byte[] bytes) {
    for (Map.Entry<Cidr, AddressClass> entry : table) {
      if (entry.getKey().contains(bytes)) {
        return entry.getValue();
      }
    }
    return PUBLIC;
  }

  private static Map.Entry<Cidr, AddressClass> range(String cidr, AddressClass addressClass) {
    return Map.entry(Cidr.parse(cidr), addressClass);
  }
}
