package dev.gort.gateway.dispatch;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A one-second dispatch deadline, a five-second grace for runners that stop answering and three
 * tries to halt a job, so the timeout, unresponsive and halt flows run in seconds.
 */
public class ShortDeadlineProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "gort.gateway.dispatch-deadline",
        "PT1S",
        "gort.gateway.unresponsive-grace",
        "PT5S",
        "gort.gateway.halt-max-tries",
        "3");
  }
}
