package dev.gort.worker.kcidb;

import dev.gort.testsupport.AllowListedPort;
import java.util.Map;

/**
 * The loopback port of the test's results host and KCIDB, the one the outbound guard allows, and
 * the worker told to submit there with a token before it starts.
 */
public class KcidbSinkPort extends AllowListedPort {

  static final String PORT = "gort.test.kcidb-port";
  static final String TOKEN = "test-kcidb-token";

  public KcidbSinkPort() {
    super(PORT);
  }

  @Override
  protected Map<String, String> alsoFor(int port) {
    return Map.of(
        "gort.worker.kcidb.submit-url",
        "http://127.0.0.1:" + port + "/submit",
        "gort.worker.kcidb.token",
        TOKEN);
  }
}
