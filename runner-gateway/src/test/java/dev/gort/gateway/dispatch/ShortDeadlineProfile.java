package dev.gort.gateway.dispatch;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A one-second dispatch deadline and a five-second grace for runners that stop answering, so the
 * timeout and unresponsive flows run in seconds.
 */
public class ShortDeadlineProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "gort.gateway.dispatch-deadline", "PT1S", "gort.gateway.unresponsive-grace", "PT5S");
  }
}
