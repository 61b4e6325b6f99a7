package dev.gort.provisioner.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * openstack4j inside the Quarkus application: its connector is found through ServiceLoader by the
 * application's class loader, and the produced {@link Cloud} authenticates and calls through it.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(FakeCloudResource.class)
class CloudInQuarkusTest {

  @Inject Cloud cloud;

  @Test
  void theProducedCloudRunsOnTheOkHttpConnector() {
    assertThat(OpenStackCloud.connectorName()).isEqualTo(OpenStackCloud.OKHTTP_CONNECTOR);
    assertThat(cloud.configured()).isTrue();
    assertThat(cloud.externalNetwork()).isEqualTo("public");

    assertThat(cloud.networkId("sharednet1")).contains("net-quarkus");
    assertThat(cloud.lease("lease-q")).map(CloudLease::reservationId).contains("res-q");
  }
}
