package dev.gort.scheduler.stall;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The stall detector on, with allowances of seconds and two nudges. */
public class StallsFast implements QuarkusTestProfile {

  static final int MAX_NUDGES = 2;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "gort.scheduler.stall.enabled", "true",
        "gort.scheduler.stall.scan-interval", "PT0.2S",
        "gort.scheduler.stall.queued", "PT1.5S",
        "gort.scheduler.stall.running-after-deadline", "PT1.5S",
        "gort.scheduler.stall.evaluating", "PT1.5S",
        "gort.scheduler.stall.notification", "PT1.5S",
        "gort.scheduler.stall.cancel-halt-wait", "PT1.5S",
        "gort.scheduler.stall.max-nudges", String.valueOf(MAX_NUDGES));
  }
}
