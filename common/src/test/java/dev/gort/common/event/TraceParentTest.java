package dev.gort.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {

  private static final String FORMAT = "00-[0-9a-f]{32}-[0-9a-f]{16}-01";

  @Test
  void newRootIsAW3cTraceparent() {
    assertThat(TraceParent.newRoot()).matches(FORMAT);
    assertThat(TraceParent.traceId(TraceParent.newRoot()))
        .isNotEqualTo(TraceParent.traceId(TraceParent.newRoot()));
  }

  @Test
  void childKeepsTheTraceAndGetsANewSpan() {
    String parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    String child = TraceParent.childOf(parent);

    assertThat(child).matches(FORMAT);
    assertThat(TraceParent.traceId(child)).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(spanId(child)).isNotEqualTo("b7ad6b7169203331");
    assertThat(spanId(TraceParent.childOf(parent))).isNotEqualTo(spanId(child));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "garbage",
        "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra"
      })
  void invalidParentStartsANewTrace(String parent) {
    String child = TraceParent.childOf(parent);

    assertThat(child).matches(FORMAT);
    assertThat(TraceParent.traceId(child)).isNotEqualTo("0af7651916cd43dd8448eb211c80319c");
  }

  @Test
  void eventCausedByAnotherContinuesItsTrace() {
    Envelope cause =
        Envelope.of(
            "/gort/test",
            new RunEvents.RunRequested("run-1", "exp", "rev", "o", "o@x", "sim", 1),
            Instant.now());

    Envelope effect =
        Envelope.causedBy(
            cause,
            "/gort/test",
            new RunEvents.RunDispatched("run-1", 1, "sim", "job", Instant.now()),
            Instant.now());

    assertThat(TraceParent.traceId(effect.traceparent()))
        .isEqualTo(TraceParent.traceId(cause.traceparent()));
    assertThat(effect.traceparent()).isNotEqualTo(cause.traceparent());
    assertThat(effect.subject()).isEqualTo("run-1");
    assertThat(effect.type()).isEqualTo("dev.gort.run.dispatched.v1");
  }

  private static String spanId(String traceparent) {
    return traceparent.substring(36, 52);
  }
}
