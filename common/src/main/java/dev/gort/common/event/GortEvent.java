package dev.gort.common.event;

/**
 * An event's data. Each implementation is a past-tense fact about one run; {@link EventTypes} gives
 * its CloudEvents {@code type}.
 */
public interface GortEvent {

  /** The run (or environment) the event is about; the CloudEvents subject and the Kafka key. */
  String subject();
}
