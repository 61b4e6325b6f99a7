package dev.gort.console.experiments;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console page of a run a service names by its API path. */
final class RunLinks {

  private static final Pattern RUN =
      Pattern.compile(".*/api/v1/(test-runs|pipeline-runs)/([A-Za-z0-9._~-]{1,128})");

  private RunLinks() {}

  static URI pageOf(URI apiLocation) {
    String path =
        apiLocation == null || apiLocation.getRawPath() == null ? "" : apiLocation.getRawPath();
    Matcher run = RUN.matcher(path);
    if (!run.matches()) {
      return URI.create("/experiments");
    }
    return URI.create(
        (run.group(1).equals("test-runs") ? "/runs/" : "/pipeline-runs/") + run.group(2));
  }
}
