package dev.gort.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link KafkaBroker#startPersistent persistent} broker as its own process, for the local
 * stack and the system tests.
 *
 * <p>Usage: {@code java -cp 'lib/*:gort-kafka-broker.jar' dev.gort.kafka.KafkaBrokerMain <port>
 * <data-dir>}. Listens on {@code 127.0.0.1:<port>} and prints {@code KAFKA READY <bootstrap>} once
 * clients can connect. The data stays in {@code <data-dir>}: started again on the same directory,
 * the broker is the same cluster with the same topics, messages and committed offsets; on an empty
 * or missing directory it formats a new cluster (delete the directory for a fresh start). SIGTERM
 * shuts it down cleanly (broker, then controller). After a kill -9 the next start recovers the logs
 * (what was acknowledged is in the page cache, so only a machine crash could lose it) and takes up
 * to the broker session timeout (9 s) longer, until the controller expires the old registration. A
 * broker that cannot start exits with status 1.
 */
public final class KafkaBrokerMain {

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: KafkaBrokerMain <port> <data-dir>");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    KafkaBroker broker;
    try {
      broker = KafkaBroker.startPersistent(port, Path.of(args[1]));
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    broker.close();
                  } catch (Exception e) {
                    System.err.println("broker shutdown: " + e);
                  } finally {
                    stopped.countDown();
                  }
                }));
    System.out.println("KAFKA READY " + broker.bootstrapServers());
    System.out.flush();
    stopped.await();
  }
}
