package dev.gort.common.event;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gort.common.causality.MalformedStampException;
import dev.gort.common.causality.Stamp;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * Envelopes to and from the CloudEvents JSON structured format, which is what Kafka carries: the
 * whole event, attributes and data, as one JSON document in the record value.
 */
public final class EnvelopeCodec {

  static final String TRACEPARENT = "traceparent";
  static final String CLOCK = "gortclock";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final EventFormat FORMAT = new JsonFormat();

  private EnvelopeCodec() {}

  public static String encode(Envelope envelope) {
    try {
      CloudEventBuilder builder =
          CloudEventBuilder.v1()
              .withId(envelope.id())
              .withSource(URI.create(envelope.source()))
              .withType(envelope.type())
              .withTime(envelope.time().atOffset(ZoneOffset.UTC))
              .withSubject(envelope.subject())
              .withDataContentType("application/json")
              .withData(JSON.writeValueAsBytes(envelope.data()))
              .withExtension(TRACEPARENT, envelope.traceparent());
      if (envelope.clock() != null) {
        builder.withExtension(CLOCK, envelope.clock());
      }
      return new String(FORMAT.serialize(builder.build()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + envelope.type(), e);
    }
  }

  public static Envelope decode(String json) {
    CloudEvent event;
    try {
      event = FORMAT.deserialize(json.getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new MalformedEventException("not a CloudEvents JSON document", e);
    }
    Class<? extends GortEvent> type =
        EventTypes.classOf(event.getType())
            .orElseThrow(
                () -> new MalformedEventException("unknown event type " + event.getType(), null));
    if (event.getData() == null || event.getTime() == null || event.getSubject() == null) {
      throw new MalformedEventException(event.getType() + " without data, time or subject", null);
    }
    GortEvent data;
    try {
      data = JSON.readValue(event.getData().toBytes(), type);
    } catch (IOException e) {
      throw new MalformedEventException("data does not fit " + event.getType(), e);
    }
    String clock = stringExtension(event, CLOCK);
    if (clock != null) {
      try {
        Stamp.decode(clock);
      } catch (MalformedStampException e) {
        throw new MalformedEventException(event.getType() + " with a malformed " + CLOCK, e);
      }
    }
    return new Envelope(
        event.getId(),
        event.getSource().toString(),
        event.getType(),
        event.getTime().toInstant(),
        event.getSubject(),
        stringExtension(event, TRACEPARENT),
        clock,
        data);
  }

  private static String stringExtension(CloudEvent event, String name) {
    Object value = event.getExtension(name);
    return value == null ? null : value.toString();
  }
}
