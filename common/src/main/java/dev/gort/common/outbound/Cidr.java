package dev.gort.common.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An address range written {@code address/prefix}, IPv4 or IPv6. */
final class Cidr {

  private final byte[] network;
  private final int prefix;
  private final String text;

  private Cidr(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR range (address/prefix): " + text);
    }
    String address = text.substring(0, slash);
    InetAddress network =
        IpLiteral.parse(address)
            .orElseThrow(() -> new IllegalArgumentException("not an IP address in " + text));
    if (network instanceof Inet4Address && address.contains(":")) {
      // Java reads ::ffff:a.b.c.d as the IPv4 address itself; its prefix would count wrongly
      throw new IllegalArgumentException("write an IPv4-mapped range in IPv4 form: " + text);
    }
    int bits = network.getAddress().length * 8;
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a prefix length: " + text);
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("prefix length out of 0.." + bits + ": " + text);
    }
    return new Cidr(network.getAddress(), prefix, text);
  }

  boolean contains(InetAddress address) {
    return contains(address.getAddress());
  }

  boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address[full] & mask) == (network[full] & mask);
  }

  @Override
  public String toString() {
    return text;
  }
}
