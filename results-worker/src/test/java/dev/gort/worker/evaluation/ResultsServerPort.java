package dev.gort.worker.evaluation;

import dev.gort.testsupport.AllowListedPort;

/** The loopback port the tests' results server listens on, the one the outbound guard allows. */
public class ResultsServerPort extends AllowListedPort {

  public static final String PORT = "gort.test.results-port";

  public ResultsServerPort() {
    super(PORT);
  }
}
