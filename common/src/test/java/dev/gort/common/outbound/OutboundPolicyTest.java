package dev.gort.common.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundPolicyTest {

  private static final OutboundPolicy NOTHING_ALLOWED = OutboundPolicy.allowing();

  @Test
  void aPublicAddressNeedsNoEntry() throws Exception {
    assertThat(NOTHING_ALLOWED.refusal("example.org", 443, ip("93.184.216.34"))).isEmpty();
    assertThat(NOTHING_ALLOWED.refusal("example.org", 443, ip("2606:2800:220:1::1"))).isEmpty();
  }

  @Test
  void aRefusedAddressIsRefusedWithItsClassAndDestination() throws Exception {
    assertThat(NOTHING_ALLOWED.refusal("metadata", 80, ip("169.254.169.254")))
        .hasValue("169.254.169.254 is link-local and metadata:80 is not allow-listed");
    assertThat(NOTHING_ALLOWED.refusal("10.0.0.1", 80, ip("10.0.0.1")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("private (RFC 1918)"));
  }

  @Test
  void allowListedTellsWhetherAnEntryNamesTheDestinationWhateverItsClass() throws Exception {
    OutboundPolicy policy = OutboundPolicy.allowing("hooks.example.org", "127.0.0.1:8090");

    assertThat(policy.allowListed("hooks.example.org", 80, ip("93.184.216.34"))).isTrue();
    assertThat(policy.allowListed("127.0.0.1", 8090, ip("127.0.0.1"))).isTrue();
    assertThat(policy.allowListed("example.org", 80, ip("93.184.216.34")))
        .as("public, but not named")
        .isFalse();
    assertThat(policy.allowListed("127.0.0.1", 8091, ip("127.0.0.1"))).isFalse();
  }

  @Test
  void hostAndPortAllowsThatAddressOnThatPortOnly() throws Exception {
    OutboundPolicy policy = OutboundPolicy.allowing("127.0.0.1:8090");

    assertThat(policy.refusal("127.0.0.1", 8090, ip("127.0.0.1"))).isEmpty();
    assertThat(policy.refusal("localhost", 8090, ip("127.0.0.1")))
        .as("an address entry matches the address the name resolved to")
        .isEmpty();
    assertThat(policy.refusal("127.0.0.1", 8091, ip("127.0.0.1"))).isPresent();
    assertThat(policy.refusal("127.0.0.2", 8090, ip("127.0.0.2"))).isPresent();
    assertThat(policy.refusal("::1", 8090, ip("::1"))).isPresent();
  }

  @Test
  void hostAloneAllowsAnyPort() throws Exception {
    OutboundPolicy policy = OutboundPolicy.allowing("10.1.2.3");

    assertThat(policy.refusal("10.1.2.3", 80, ip("10.1.2.3"))).isEmpty();
    assertThat(policy.refusal("10.1.2.3", 65535, ip("10.1.2.3"))).isEmpty();
    assertThat(policy.refusal("10.1.2.4", 80, ip("10.1.2.4"))).isPresent();
  }

  @Test
  void aHostNameEntryMatchesTheUrlsHostNameWhateverItResolvesTo() throws Exception {
    OutboundPolicy policy = OutboundPolicy.allowing("sim.internal:8090", "Runner.Internal.");

    assertThat(policy.refusal("sim.internal", 8090, ip("10.0.0.7"))).isEmpty();
    assertThat(policy.refusal("SIM.internal.", 8090, ip("127.0.0.1"))).isEmpty();
    assertThat(policy.refusal("sim.internal", 8091, ip("10.0.0.7"))).isPresent();
    assertThat(policy.refusal("runner.internal", 1234, ip("192.168.0.9"))).isEmpty();
    assertThat(policy.refusal("other.internal", 8090, ip("10.0.0.7"))).isPresent();
    assertThat(policy.refusal("evil.sim.internal", 8090, ip("10.0.0.7"))).isPresent();
  }

  @Test
  void aCidrRangeAllowsEveryAddressInItOnAnyPort() throws Exception {
    OutboundPolicy policy = OutboundPolicy.allowing("10.20.0.0/16", "fd00:1::/32");

    assertThat(policy.refusal("a", 80, ip("10.20.0.1"))).isEmpty();
    assertThat(policy.refusal("a", 9000, ip("10.20.255.255"))).isEmpty();
    assertThat(policy.refusal("a", 80, ip("10.21.0.0"))).isPresent();
    assertThat(policy.refusal("a", 80, ip("fd00:1:ffff::1"))).isEmpty();
    assertThat(policy.refusal("a", 80, ip("fd00:2::1"))).isPresent();
  }

  @Test
  void aCidrRangeWithAPrefixThatIsNotAByteBoundaryMatchesExactlyItsBits() throws Exception {
    OutboundPolicy policy = OutboundPolicy.allowing("100.64.0.0/10", "192.168.7.128/25");

    assertThat(policy.refusal("a", 80, ip("100.127.255.255"))).isEmpty();
    assertThat(policy.refusal("a", 80, ip("100.128.0.0"))).isEmpty(); // public anyway
    assertThat(policy.refusal("a", 80, ip("192.168.7.128"))).isEmpty();
    assertThat(policy.refusal("a", 80, ip("192.168.7.127"))).isPresent();
  }

  @Test
  void ipv6EntriesInBracketsWithAPortOrBareForAnyPort() throws Exception {
    OutboundPolicy policy = OutboundPolicy.allowing("[::1]:8090", "fe80::1");

    assertThat(policy.refusal("[::1]", 8090, ip("::1"))).isEmpty();
    assertThat(policy.refusal("[::1]", 8091, ip("::1"))).isPresent();
    assertThat(policy.refusal("[fe80::1]", 1, ip("fe80::1"))).isEmpty();
    assertThat(policy.refusal("[fe80::2]", 1, ip("fe80::2"))).isPresent();
  }

  @Test
  void anEntryForTheIpv4AddressAlsoCoversItsMappedForm() throws Exception {
    OutboundPolicy policy = OutboundPolicy.allowing("127.0.0.1:8090");

    assertThat(policy.refusal("[::ffff:127.0.0.1]", 8090, ip("::ffff:127.0.0.1"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "host:",
        "host:0",
        "host:65536",
        "host:http",
        "10.0.0.0/33",
        "10.0.0.0/x",
        "::/129",
        "not-an-ip/8",
        "[::1",
        "[::1]8090",
        "[not:an:ip]:80",
        "*.internal",
        "300.1.1.1",
        "127.1",
        "bad host",
        "::ffff:10.0.0.0/104"
      })
  void aMalformedEntryIsRejectedWithTheEntryNamed(String entry) {
    assertThatThrownBy(() -> AllowEntry.parse(entry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(entry.trim());
  }

  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }
}
