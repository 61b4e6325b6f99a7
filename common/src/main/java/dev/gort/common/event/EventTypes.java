package dev.gort.common.event;

import java.util.Map;
import java.util.Optional;

/**
 * The CloudEvents {@code type} of each event record, versioned so a shape change gets a new one.
 */
public final class EventTypes {

  private static final Map<String, Class<? extends GortEvent>> BY_TYPE =
      Map.ofEntries(
          Map.entry("dev.gort.run.requested.v1", RunEvents.RunRequested.class),
          Map.entry("dev.gort.run.dispatched.v1", RunEvents.RunDispatched.class),
          Map.entry("dev.gort.run.timed-out.v1", RunEvents.RunTimedOut.class),
          Map.entry("dev.gort.run.unresponsive.v1", RunEvents.RunUnresponsive.class),
          Map.entry("dev.gort.run.retrying.v1", RunEvents.RunRetrying.class),
          Map.entry("dev.gort.run.completed.v1", RunEvents.RunCompleted.class),
          Map.entry("dev.gort.run.cancel-requested.v1", RunEvents.CancelRequested.class),
          Map.entry("dev.gort.run.cancelled.v1", RunEvents.RunCancelled.class),
          Map.entry("dev.gort.run.evaluated.v1", RunEvents.RunEvaluated.class),
          Map.entry("dev.gort.run.finished.v1", RunEvents.RunFinished.class),
          Map.entry("dev.gort.run.notification-queued.v1", RunEvents.NotificationQueued.class),
          Map.entry(
              "dev.gort.environment.requested.v1", EnvironmentEvents.EnvironmentRequested.class),
          Map.entry(
              "dev.gort.environment.cancel-requested.v1",
              EnvironmentEvents.EnvironmentCancelRequested.class),
          Map.entry("dev.gort.environment.status.v1", EnvironmentEvents.EnvironmentStatus.class));

  private EventTypes() {}

  public static String typeOf(Class<? extends GortEvent> eventClass) {
    return BY_TYPE.entrySet().stream()
        .filter(e -> e.getValue().equals(eventClass))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no event type for " + eventClass));
  }

  public static Optional<Class<? extends GortEvent>> classOf(String type) {
    return Optional.ofNullable(BY_TYPE.get(type));
  }
}
