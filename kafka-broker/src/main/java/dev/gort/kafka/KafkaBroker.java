package dev.gort.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One combined (broker + controller) KRaft node. Internal topics use replication factor 1, so a
 * single node is a complete cluster. Port 0 picks a free port.
 */
public final class KafkaBroker implements AutoCloseable {

  /** A listener on a fixed port; the kit's own listeners always take free ports. */
  private static final String FIXED_LISTENER = "GORT";

  private final KafkaClusterTestKit cluster;
  private final String bootstrapServers;

  private KafkaBroker(KafkaClusterTestKit cluster, String bootstrapServers) {
    this.cluster = cluster;
    this.bootstrapServers = bootstrapServers;
  }

  public static KafkaBroker start(int port, Path dataDirectory) throws Exception {
    Files.createDirectories(dataDirectory);
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .setBaseDirectory(Files.createTempDirectory(dataDirectory, "kraft-"))
            .build();
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
    if (port > 0) {
      builder
          .setConfigProp(
              "listener.security.protocol.map",
              "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + FIXED_LISTENER + ":PLAINTEXT")
          .setConfigProp(
              "listeners",
              "EXTERNAL://localhost:0,CONTROLLER://localhost:0,"
                  + FIXED_LISTENER
                  + "://127.0.0.1:"
                  + port);
    }
    KafkaClusterTestKit cluster =
        builder
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "4")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
            .setConfigProp("share.coordinator.state.topic.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("num.partitions", "4")
            .setConfigProp("auto.create.topics.enable", "true")
            .setDeleteOnClose(true)
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return new KafkaBroker(cluster, port > 0 ? "127.0.0.1:" + port : cluster.bootstrapServers());
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
