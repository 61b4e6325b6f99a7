package dev.gort.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * One combined (broker + controller) KRaft node. Internal topics use replication factor 1, so a
 * single node is a complete cluster; topics are created on first use with 4 partitions.
 *
 * <p>Two kinds, with the same broker settings:
 *
 * <ul>
 *   <li>{@link #start} — scratch, for tests in one JVM: a {@code KafkaClusterTestKit} node in a new
 *       temporary directory under the data directory, a new cluster every time, deleted on close.
 *       Port 0 picks a free port.
 *   <li>{@link #startPersistent} — keeps its data, for the process broker ({@link
 *       KafkaBrokerMain}): the real KRaft server ({@code kafka.server.KafkaRaftServer}) on {@code
 *       <data-dir>/kraft-combined-logs}. That directory is formatted (a new cluster id, the latest
 *       production metadata version) only when it has no {@code meta.properties}; otherwise the
 *       node comes back as the same cluster with its topics, messages and committed consumer
 *       offsets. An empty or missing data directory therefore means a new, empty cluster. A log
 *       directory that has content but no {@code meta.properties} is refused rather than formatted
 *       over. The configuration is generated at every start and written to {@code
 *       <data-dir>/server.properties} for reference (edits there are overwritten). The controller
 *       listener takes a free port at every start: the quorum is a static single voter ({@code
 *       kraft.version} 0), whose address is configuration, not stored in the log, so it may change
 *       between starts. A second broker on a data directory in use is refused before it touches
 *       anything: the first holds {@code <data-dir>/broker.lock}.
 * </ul>
 */
public final class KafkaBroker implements AutoCloseable {

  /** A listener on a fixed port; the kit's own listeners always take free ports. */
  private static final String FIXED_LISTENER = "GORT";

  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final int NODE_ID = 1;

  /** Subdirectory of the data directory that is the node's (only) log and metadata directory. */
  static final String LOG_DIRECTORY = "kraft-combined-logs";

  static final String META_PROPERTIES = "meta.properties";

  /** In the data directory; held by the one broker that uses it. */
  static final String LOCK_FILE = "broker.lock";

  /** What both kinds share: a one-node cluster that Gort's services can use as they are. */
  private static final Map<String, String> BROKER_SETTINGS =
      Map.ofEntries(
          Map.entry("offsets.topic.replication.factor", "1"),
          Map.entry("offsets.topic.num.partitions", "4"),
          Map.entry("transaction.state.log.replication.factor", "1"),
          Map.entry("transaction.state.log.min.isr", "1"),
          Map.entry("share.coordinator.state.topic.replication.factor", "1"),
          Map.entry("share.coordinator.state.topic.min.isr", "1"),
          Map.entry("group.initial.rebalance.delay.ms", "0"),
          Map.entry("num.partitions", "4"),
          Map.entry("auto.create.topics.enable", "true"));

  private final AutoCloseable node;
  private final String bootstrapServers;

  private KafkaBroker(AutoCloseable node, String bootstrapServers) {
    this.node = node;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * A scratch node: a new cluster in a new temporary directory under {@code dataDirectory}, deleted
   * on close. Port 0 picks a free port.
   */
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
    BROKER_SETTINGS.forEach(builder::setConfigProp);
    KafkaClusterTestKit cluster = builder.setDeleteOnClose(true).build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return new KafkaBroker(cluster, port > 0 ? "127.0.0.1:" + port : cluster.bootstrapServers());
  }

  /**
   * A node that keeps its data in {@code dataDirectory}: the same cluster again when the directory
   * was formatted before, a new one when it is empty or missing. Returns once clients can connect
   * to {@code 127.0.0.1:<port>}.
   */
  public static KafkaBroker startPersistent(int port, Path dataDirectory) throws Exception {
    if (port <= 0) {
      throw new IllegalArgumentException("a persistent broker needs a fixed port, not " + port);
    }
    Path logDirectory = dataDirectory.resolve(LOG_DIRECTORY).toAbsolutePath();
    Files.createDirectories(logDirectory);
    FileChannel lock = lockExclusively(dataDirectory.resolve(LOCK_FILE));
    try {
      Properties properties = serverProperties(port, freePortOtherThan(port), logDirectory);
      writeServerProperties(dataDirectory.resolve("server.properties"), properties);
      formatIfNew(logDirectory);
      KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
      RaftNode node = new RaftNode(server, lock);
      String bootstrap = "127.0.0.1:" + port;
      try {
        server.startup();
        awaitClients(bootstrap, Duration.ofSeconds(60));
      } catch (Exception | Error e) {
        node.close();
        throw e;
      }
      return new KafkaBroker(node, bootstrap);
    } catch (Exception | Error e) {
      lock.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() throws Exception {
    node.close();
  }

  private static Properties serverProperties(int port, int controllerPort, Path logDirectory) {
    Map<String, String> settings = new HashMap<>(BROKER_SETTINGS);
    settings.put("process.roles", "broker,controller");
    settings.put("node.id", String.valueOf(NODE_ID));
    settings.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    settings.put(
        "listeners",
        BROKER_LISTENER
            + "://127.0.0.1:"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://127.0.0.1:"
            + controllerPort);
    settings.put("advertised.listeners", BROKER_LISTENER + "://127.0.0.1:" + port);
    settings.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    settings.put("inter.broker.listener.name", BROKER_LISTENER);
    settings.put("controller.listener.names", CONTROLLER_LISTENER);
    settings.put("log.dirs", logDirectory.toString());
    settings.put("metadata.log.dir", logDirectory.toString());
    Properties properties = new Properties();
    properties.putAll(settings);
    return properties;
  }

  private static void writeServerProperties(Path file, Properties properties) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(
          "# Generated by dev.gort.kafka.KafkaBroker at every start (the controller port changes);\n"
              + "# edits here are overwritten. The cluster's data is in "
              + LOG_DIRECTORY
              + "/.\n");
      for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
        out.write(key + "=" + properties.getProperty(key) + "\n");
      }
    }
  }

  /**
   * Holds {@code file} locked until the channel is closed or the process ends (also by kill -9).
   * Kafka's own lock on the log directory is taken by the broker half, after the controller half
   * has already opened (and may have written) the metadata log in the same directory; this one is
   * taken before either starts.
   */
  private static FileChannel lockExclusively(Path file) throws IOException {
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(
          file.getParent() + " is in use by another Kafka broker (" + file + " is locked)");
    }
    return channel;
  }

  /** Formats {@code logDirectory} as a new cluster unless it already holds one. */
  private static void formatIfNew(Path logDirectory) throws Exception {
    if (Files.exists(logDirectory.resolve(META_PROPERTIES))) {
      return;
    }
    try (Stream<Path> content = Files.list(logDirectory)) {
      List<Path> left = content.toList();
      if (!left.isEmpty()) {
        throw new IllegalStateException(
            logDirectory
                + " has data but no "
                + META_PROPERTIES
                + " ("
                + left.get(0).getFileName()
                + ", …); not formatting over it. Delete the directory for a new cluster.");
      }
    }
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setNodeId(NODE_ID)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logDirectory.toString()))
        .setMetadataLogDirectory(logDirectory.toString())
        .setControllerListenerName(CONTROLLER_LISTENER)
        .run();
  }

  /**
   * A port free right now and not {@code brokerPort}. Only for the controller listener, which
   * nothing outside this node connects to; another process taking it before the node binds fails
   * the start (run it again). The broker's own port is excluded because it is not bound yet: the
   * system may hand it out as free, most often when a caller has just picked it the same way.
   */
  private static int freePortOtherThan(int brokerPort) throws IOException {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        if (socket.getLocalPort() != brokerPort) {
          return socket.getLocalPort();
        }
      }
    }
  }

  /** Returns once a client has been answered with the cluster's nodes. */
  private static void awaitClients(String bootstrap, Duration timeout) throws Exception {
    Properties client = new Properties();
    client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(client)) {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** The real server; shutting it down stops the broker first, then the controller. */
  private record RaftNode(KafkaRaftServer server, FileChannel lock) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      try {
        server.shutdown();
        server.awaitShutdown();
      } finally {
        lock.close();
      }
    }
  }
}
