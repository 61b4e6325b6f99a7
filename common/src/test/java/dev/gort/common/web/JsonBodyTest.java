package dev.gort.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

  record Request(String runner, String revision, Integer attempt) {}

  private static final JsonBody.Limits LIMITS = JsonBody.Limits.of(1024, 20);

  @Test
  void aWellFormedBodyIsRead() {
    Request r = read("{\"runner\":\"sim\",\"attempt\":2}", LIMITS);

    assertThat(r).isEqualTo(new Request("sim", null, 2));
  }

  @Test
  void noBodyIsNoRequestAndAnyBodyNeedsJson() {
    assertThat(JsonBody.readOptional(new byte[0], null, Request.class, LIMITS)).isNull();
    assertThatThrownBy(
            () -> JsonBody.readOptional(bytes("{}"), "text/plain", Request.class, LIMITS))
        .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(415));
    assertThat(
            JsonBody.readOptional(
                bytes("{}"), "application/json; charset=utf-8", Request.class, LIMITS))
        .isEqualTo(new Request(null, null, null));
  }

  @Test
  void everyFlawIsA400WhoseDetailNamesNoClassOrLibrary() {
    assertProblem("{\"runner\":", 400, "malformed JSON at line 1, column 11");
    assertProblem("{\"runner\":\"sim\",\"foo\":1}", 400, "unknown field 'foo'");
    assertProblem("{\"attempt\":\"two\"}", 400, "field 'attempt'");
    assertProblem("[1,2]", 400, "not a JSON object");
    assertProblem("{\"runner\":\"si\\u0000m\"}", 400, "field 'runner' contains a NUL");
    assertProblem("{\"runner\":\"" + "r".repeat(21) + "\"}", 400, "at most 20");
    assertProblem("{} {}", 400, "malformed JSON");
    for (String body : new String[] {"{\"runner\":", "{\"foo\":1}", "{\"attempt\":\"two\"}"}) {
      assertThatThrownBy(() -> read(body, LIMITS))
          .message()
          .doesNotContain("dev.gort", "jackson", "Request", "StreamReadConstraints");
    }
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() {
    byte[] latin1 = "{\"runner\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> JsonBody.read(latin1, Request.class, LIMITS))
        .hasMessage("the body is not valid UTF-8");
  }

  @Test
  void aBodyPastTheLimitIs413WithoutBeingParsed() {
    byte[] big = bytes("{\"runner\":\"" + "x".repeat(2000) + "\"}");

    assertThatThrownBy(() -> JsonBody.read(big, Request.class, LIMITS))
        .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(413))
        .hasMessageContaining("at most 1024");
  }

  @Test
  void unknownFieldsMayBeIgnoredForThirdPartyBodies() {
    assertThat(read("{\"runner\":\"sim\",\"extra\":true}", LIMITS.ignoringUnknownFields()))
        .isEqualTo(new Request("sim", null, null));
  }

  private static void assertProblem(String body, int status, String detail) {
    assertThatThrownBy(() -> read(body, LIMITS))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining(detail)
        .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(status));
  }

  private static Request read(String body, JsonBody.Limits limits) {
    return JsonBody.read(bytes(body), Request.class, limits);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
