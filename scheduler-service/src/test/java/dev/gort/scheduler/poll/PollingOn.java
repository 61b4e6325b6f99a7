package dev.gort.scheduler.poll;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The poll loop running, fast: every 200 ms, backing off to at most 1.6 s while polls fail. */
public class PollingOn implements QuarkusTestProfile {

  static final long INTERVAL_MILLIS = 200;
  static final long MAX_BACKOFF_MILLIS = 1600;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "gort.scheduler.poll.enabled",
        "true",
        "gort.scheduler.poll.interval",
        "PT" + INTERVAL_MILLIS / 1000.0 + "S",
        "gort.scheduler.poll.max-backoff",
        "PT" + MAX_BACKOFF_MILLIS / 1000.0 + "S",
        "gort.scheduler.poll.instance",
        "poll-loop-test");
  }
}
