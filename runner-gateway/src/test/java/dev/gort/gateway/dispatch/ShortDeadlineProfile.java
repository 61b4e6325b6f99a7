package dev.gort.gateway.dispatch;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A one-second dispatch deadline, so the timeout flows run in seconds. */
public class ShortDeadlineProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("gort.gateway.dispatch-deadline", "PT1S");
  }
}
