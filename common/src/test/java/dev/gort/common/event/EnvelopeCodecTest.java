package dev.gort.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.common.event.RunEvents.CancelRequested;
import dev.gort.common.event.RunEvents.NotificationQueued;
import dev.gort.common.event.RunEvents.RunCancelled;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunEvaluated;
import dev.gort.common.event.RunEvents.RunFinished;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.RunEvents.RunRetrying;
import dev.gort.common.event.RunEvents.RunTimedOut;
import dev.gort.common.event.RunEvents.RunUnresponsive;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCodecTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant TIME = Instant.parse("2025-03-04T05:06:07.123456789Z");

  static Stream<GortEvent> everyRunEvent() {
    return Stream.of(
        new RunRequested("run-1", "exp-a", "rev-7", "alice", "alice@example.org", "sim", 3),
        new RunDispatched("run-1", 2, "sim", "job-9", Instant.parse("2025-03-04T06:06:07.5Z")),
        new RunTimedOut("run-1", 1, "sim", "job-8", "no callback before the deadline", true),
        new RunUnresponsive(
            "run-1",
            1,
            "sim",
            "job-8",
            Instant.parse("2025-03-04T06:36:07.25Z"),
            "status poll: 503 Service Unavailable"),
        new RunRetrying("run-1", 2, 3),
        new RunCompleted(
            "run-1", 2, "sim", "job-9", RunnerStatus.INFRA_FAILURE, "http://x/r", "exp-a", "alice"),
        new CancelRequested("run-1", "cancelled by alice"),
        new RunCancelled("run-1", 2, "sim", "job-9", true, "cancelled at the runner"),
        new RunEvaluated("run-1", 2, Outcome.FAILED, "1 of 2 tests failed: b", "report-3"),
        new RunFinished(
            "run-1",
            "exp-a",
            "rev-7",
            "alice",
            "alice@example.org",
            Outcome.TIMED_OUT,
            3,
            "no callback",
            Instant.parse("2025-03-04T07:00:00.000001Z"),
            "ops"),
        new NotificationQueued("run-1", Outcome.TIMED_OUT, 1, "email queued"));
  }

  @Test
  void everyRunEventHasASampleHere() {
    List<String> declared =
        Arrays.stream(RunEvents.class.getDeclaredClasses())
            .filter(GortEvent.class::isAssignableFrom)
            .map(Class::getName)
            .toList();

    assertThat(everyRunEvent().map(e -> e.getClass().getName()))
        .containsExactlyInAnyOrderElementsOf(declared);
  }

  @ParameterizedTest
  @MethodSource("everyRunEvent")
  void roundTripKeepsEveryAttributeAndField(GortEvent data) {
    Envelope sent =
        new Envelope(
            UUID.randomUUID().toString(),
            "/gort/scheduler-service",
            EventTypes.typeOf(data.getClass()),
            TIME,
            data.subject(),
            TraceParent.newRoot(),
            "(0,(1,0,2))",
            data);

    Envelope received = EnvelopeCodec.decode(EnvelopeCodec.encode(sent));

    assertThat(received).isEqualTo(sent);
    assertThat(received.data()).isInstanceOf(data.getClass()).isEqualTo(data);
  }

  @ParameterizedTest
  @MethodSource("everyRunEvent")
  void roundTripWithoutClockKeepsItAbsent(GortEvent data) {
    Envelope sent = Envelope.of("/gort/test", data, TIME);

    Envelope received = EnvelopeCodec.decode(EnvelopeCodec.encode(sent));

    assertThat(received).isEqualTo(sent);
    assertThat(received.clock()).isNull();
    assertThat(received.traceparent()).isEqualTo(sent.traceparent()).isNotNull();
  }

  @Test
  void encodesAStructuredCloudEvents10JsonDocument() throws Exception {
    RunRequested data =
        new RunRequested("run-42", "exp-a", "rev-7", "alice", "alice@example.org", "sim", 3);
    Envelope sent =
        new Envelope(
            "event-1",
            "/gort/scheduler-service",
            "dev.gort.run.requested.v1",
            TIME,
            "run-42",
            TraceParent.newRoot(),
            "(1,0)",
            data);

    JsonNode doc = JSON.readTree(EnvelopeCodec.encode(sent));

    assertThat(doc.path("specversion").asText()).isEqualTo("1.0");
    assertThat(doc.path("id").asText()).isEqualTo("event-1");
    assertThat(doc.path("source").asText()).isEqualTo("/gort/scheduler-service");
    assertThat(doc.path("type").asText()).isEqualTo("dev.gort.run.requested.v1");
    assertThat(doc.path("subject").asText()).isEqualTo("run-42");
    assertThat(doc.path("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(Instant.parse(doc.path("time").asText())).isEqualTo(TIME);
    assertThat(doc.path("traceparent").asText()).isEqualTo(sent.traceparent());
    assertThat(doc.path("gortclock").asText()).isEqualTo("(1,0)");
    assertThat(doc.has("data_base64")).as("JSON data is inlined, not base64").isFalse();
    assertThat(doc.path("data").isObject()).isTrue();
    assertThat(doc.path("data").path("runId").asText()).isEqualTo("run-42");
    assertThat(doc.path("data").path("maxAttempts").asInt()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "", "{}", "[1,2]", "{\"specversion\":\"1.0\"}"})
  void notACloudEventIsMalformed(String input) {
    assertThatThrownBy(() -> EnvelopeCodec.decode(input))
        .isInstanceOf(MalformedEventException.class);
  }

  @Test
  void unknownTypeIsMalformed() throws Exception {
    ObjectNode doc = validDocument();
    doc.put("type", "dev.gort.run.exploded.v1");

    assertThatThrownBy(() -> EnvelopeCodec.decode(doc.toString()))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("dev.gort.run.exploded.v1");
  }

  @Test
  void malformedClockStampIsMalformed() throws Exception {
    ObjectNode doc = validDocument();
    doc.put("gortclock", "(1,(0,0,0))");

    assertThatThrownBy(() -> EnvelopeCodec.decode(doc.toString()))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("gortclock");
  }

  @Test
  void missingDataIsMalformed() throws Exception {
    ObjectNode doc = validDocument();
    doc.remove("data");

    assertThatThrownBy(() -> EnvelopeCodec.decode(doc.toString()))
        .isInstanceOf(MalformedEventException.class);
  }

  @Test
  void missingSubjectOrTimeIsMalformed() throws Exception {
    ObjectNode noSubject = validDocument();
    noSubject.remove("subject");
    ObjectNode noTime = validDocument();
    noTime.remove("time");

    assertThatThrownBy(() -> EnvelopeCodec.decode(noSubject.toString()))
        .isInstanceOf(MalformedEventException.class);
    assertThatThrownBy(() -> EnvelopeCodec.decode(noTime.toString()))
        .isInstanceOf(MalformedEventException.class);
  }

  @Test
  void dataThatDoesNotFitItsTypeIsMalformed() throws Exception {
    ObjectNode doc = validDocument();
    ((ObjectNode) doc.get("data")).put("maxAttempts", "many");

    assertThatThrownBy(() -> EnvelopeCodec.decode(doc.toString()))
        .isInstanceOf(MalformedEventException.class);
  }

  @Test
  void validDocumentDecodes() throws Exception {
    Envelope e = EnvelopeCodec.decode(validDocument().toString());

    assertThat(e.dataAs(RunRequested.class).runId()).isEqualTo("run-42");
  }

  private static ObjectNode validDocument() throws Exception {
    RunRequested data =
        new RunRequested("run-42", "exp-a", "rev-7", "alice", "alice@example.org", "sim", 3);
    return (ObjectNode) JSON.readTree(EnvelopeCodec.encode(Envelope.of("/gort/test", data, TIME)));
  }
}
