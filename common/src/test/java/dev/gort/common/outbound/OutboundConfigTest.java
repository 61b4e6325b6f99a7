package dev.gort.common.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code gort.outbound.*} as configuration reads it: defaults, and entries checked at start. */
class OutboundConfigTest {

  @Test
  void nothingConfiguredMeansNoEntriesAndTheDocumentedLimits() {
    OutboundConfig config = read(Map.of());

    assertThat(config.allow()).isEmpty();
    assertThat(config.maxRedirects()).isEqualTo(3);
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.deadline()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void anEmptyValueAsTheEnvironmentDefaultGivesNoEntries() {
    assertThat(read(Map.of("gort.outbound.allow", "")).allow()).isEmpty();
  }

  @Test
  void theAllowListIsACommaSeparatedListOfEntries() throws Exception {
    OutboundConfig config =
        read(Map.of("gort.outbound.allow", "127.0.0.1:8090, sim.internal,10.0.0.0/8,[::1]:9000"));

    assertThat(config.allow()).hasValueSatisfying(entries -> assertThat(entries).hasSize(4));
    OutboundPolicy policy = new OutboundPolicy(config.allow().get());
    assertThat(policy.refusal("127.0.0.1", 8090, InetAddress.getByName("127.0.0.1"))).isEmpty();
    assertThat(policy.refusal("x", 1, InetAddress.getByName("10.1.1.1"))).isEmpty();
    assertThat(policy.refusal("127.0.0.1", 8091, InetAddress.getByName("127.0.0.1"))).isPresent();
  }

  @Test
  void aMalformedEntryStopsTheConfigurationFromLoading() {
    assertThatThrownBy(() -> read(Map.of("gort.outbound.allow", "127.0.0.1:8090,*.internal")))
        .hasStackTraceContaining("*.internal");
  }

  private static OutboundConfig read(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .addDefaultInterceptors()
            .addDiscoveredConverters()
            .withMapping(OutboundConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .build();
    return config.getConfigMapping(OutboundConfig.class);
  }
}
