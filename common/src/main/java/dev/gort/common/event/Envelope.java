package dev.gort.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope around one {@link GortEvent}: id, source, type, time, subject (the run
 * id), the W3C {@code traceparent} and the sender's interval-tree-clock stamp ({@code gortclock},
 * null until a sender stamps its events).
 */
public record Envelope(
    String id,
    String source,
    String type,
    Instant time,
    String subject,
    String traceparent,
    String clock,
    GortEvent data) {

  /** A new event caused by nothing Gort received (a request, a poll): starts a new trace. */
  public static Envelope of(String source, GortEvent data, Instant time) {
    return new Envelope(
        UUID.randomUUID().toString(),
        source,
        EventTypes.typeOf(data.getClass()),
        time,
        data.subject(),
        TraceParent.newRoot(),
        null,
        data);
  }

  /** A new event caused by {@code cause}: continues its trace. */
  public static Envelope causedBy(Envelope cause, String source, GortEvent data, Instant time) {
    return inTrace(cause.traceparent(), source, data, time);
  }

  /**
   * A new event in the trace of an earlier {@code traceparent} (kept by the caller, e.g. on a row);
   * a missing one starts a new trace.
   */
  public static Envelope inTrace(String traceparent, String source, GortEvent data, Instant time) {
    return new Envelope(
        UUID.randomUUID().toString(),
        source,
        EventTypes.typeOf(data.getClass()),
        time,
        data.subject(),
        TraceParent.childOf(traceparent),
        null,
        data);
  }

  /** This envelope stamped with {@code clock} (an encoded interval tree clock stamp). */
  public Envelope withClock(String clock) {
    return new Envelope(id, source, type, time, subject, traceparent, clock, data);
  }

  public <T extends GortEvent> T dataAs(Class<T> type) {
    return type.cast(data);
  }
}
