package dev.gort.console.experiments;

import java.net.URI;

/** The console page of a run a service names by its API path. */
final class RunLinks {

  private static final String TEST_RUN = "/api/v1/test-runs/";
  private static final String PIPELINE_RUN = "/api/v1/pipeline-runs/";

  private RunLinks() {}

  static URI pageOf(URI apiLocation) {
    String path = apiLocation == null ? "" : apiLocation.getPath();
    if (path.contains(PIPELINE_RUN)) {
      return URI.create(
          "/pipeline-runs/" + path.substring(path.indexOf(PIPELINE_RUN) + PIPELINE_RUN.length()));
    }
    if (path.contains(TEST_RUN)) {
      return URI.create("/runs/" + path.substring(path.indexOf(TEST_RUN) + TEST_RUN.length()));
    }
    return URI.create("/experiments");
  }
}
