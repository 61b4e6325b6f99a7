package dev.gort.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link KafkaBroker} as its own process for the local stack and the system tests.
 *
 * <p>Usage: {@code java -cp 'lib/*:gort-kafka-broker.jar' dev.gort.kafka.KafkaBrokerMain <port>
 * <data-dir>}. Prints {@code KAFKA READY <bootstrap>} once clients can connect. The data is
 * scratch: a restart begins with an empty cluster.
 */
public final class KafkaBrokerMain {

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: KafkaBrokerMain <port> <data-dir>");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    KafkaBroker broker = KafkaBroker.start(port, Path.of(args[1]));
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
