package dev.gort.common.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    // IPv4, each class at its edges
    "127.0.0.1, LOOPBACK",
    "127.255.255.254, LOOPBACK",
    "169.254.169.254, LINK_LOCAL",
    "169.254.0.1, LINK_LOCAL",
    "10.0.0.1, PRIVATE",
    "10.255.255.255, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.1.1, PRIVATE",
    "100.64.0.1, CARRIER_GRADE_NAT",
    "100.127.255.255, CARRIER_GRADE_NAT",
    "224.0.0.1, MULTICAST",
    "239.255.255.255, MULTICAST",
    "0.0.0.0, UNSPECIFIED",
    "0.1.2.3, RESERVED",
    "240.0.0.1, RESERVED",
    "255.255.255.254, RESERVED",
    "255.255.255.255, BROADCAST",
    "192.0.0.8, RESERVED",
    "192.0.2.1, RESERVED",
    "198.18.0.1, RESERVED",
    "198.51.100.7, RESERVED",
    "203.0.113.9, RESERVED",
    "192.88.99.1, RESERVED",
    // public neighbours of the refused ranges
    "8.8.8.8, PUBLIC",
    "9.255.255.255, PUBLIC",
    "11.0.0.0, PUBLIC",
    "100.63.255.255, PUBLIC",
    "100.128.0.0, PUBLIC",
    "172.15.255.255, PUBLIC",
    "172.32.0.0, PUBLIC",
    "169.253.255.255, PUBLIC",
    "223.255.255.255, PUBLIC",
    "1.1.1.1, PUBLIC",
    // IPv6
    "::1, LOOPBACK",
    "::, UNSPECIFIED",
    "fe80::1, LINK_LOCAL",
    "febf:ffff::1, LINK_LOCAL",
    "fc00::1, UNIQUE_LOCAL",
    "fd00:ec2::254, UNIQUE_LOCAL",
    "ff02::1, MULTICAST",
    "ff0e::1, MULTICAST",
    "fec0::1, RESERVED",
    "2001:db8::1, RESERVED",
    "100::1, RESERVED",
    "64:ff9b:1::1, RESERVED",
    "::127.0.0.1, RESERVED",
    "2606:4700:4700::1111, PUBLIC",
    "2a00:1450:4001::200e, PUBLIC",
    // IPv6 that embeds an IPv4: classed by the IPv4 inside
    "::ffff:127.0.0.1, LOOPBACK",
    "::ffff:10.0.0.1, PRIVATE",
    "::ffff:169.254.169.254, LINK_LOCAL",
    "::ffff:8.8.8.8, PUBLIC",
    "64:ff9b::127.0.0.1, LOOPBACK",
    "64:ff9b::a9fe:a9fe, LINK_LOCAL",
    "64:ff9b::10.1.2.3, PRIVATE",
    "64:ff9b::100.64.0.1, CARRIER_GRADE_NAT",
    "64:ff9b::8.8.8.8, PUBLIC",
    "2002:7f00:1::, LOOPBACK",
    "2002:a00:1::1, PRIVATE",
    "2002:a9fe:a9fe::1, LINK_LOCAL",
    "2002:c0a8:101::, PRIVATE",
    "2002:808:808::1, PUBLIC",
    // Teredo: server 65.54.227.120 (public); client 10.0.0.1 stored inverted as f5ff:fffe
    "2001:0:4136:e378:8000:63bf:f5ff:fffe, PRIVATE",
    "2001:0:7f00:1:8000:63bf:f7f7:f7f7, LOOPBACK",
    "2001:0:4136:e378:8000:63bf:f7f7:f7f7, PUBLIC"
  })
  void everyAddressIsClassedByTheRangeItIsIn(String address, AddressClass expected)
      throws Exception {
    InetAddress parsed = InetAddress.getByName(address);

    assertThat(AddressClass.of(parsed)).isEqualTo(expected);
    assertThat(AddressClass.of(parsed).refused()).isEqualTo(expected != AddressClass.PUBLIC);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "0:0:0:0:0:ffff:7f00:1, LOOPBACK",
    "0:0:0:0:0:ffff:a9fe:a9fe, LINK_LOCAL",
    "0:0:0:0:0:ffff:0a00:0001, PRIVATE"
  })
  void anIpv4MappedAddressHeldAsSixteenBytesIsClassedByItsIpv4(String text, AddressClass expected)
      throws Exception {
    // Java reads ::ffff:a.b.c.d as an Inet4Address, but Inet6Address.getByAddress keeps the 16
    // bytes as IPv6: classed the same all the same
    byte[] bytes = InetAddress.getByName(text).getAddress();
    byte[] sixteen = new byte[16];
    sixteen[10] = (byte) 0xff;
    sixteen[11] = (byte) 0xff;
    System.arraycopy(bytes, bytes.length - 4, sixteen, 12, 4);
    InetAddress v6 = java.net.Inet6Address.getByAddress(null, sixteen, 0);

    assertThat(v6).isInstanceOf(java.net.Inet6Address.class);
    assertThat(AddressClass.of(v6)).isEqualTo(expected);
  }
}
