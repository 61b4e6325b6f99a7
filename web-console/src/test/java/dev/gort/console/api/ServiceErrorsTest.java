package dev.gort.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceErrorsTest {

  @Test
  void aProblemKeepsItsDetailAndExtensions() {
    ServiceException e =
        ServiceErrors.of(
            400,
            "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"unknown field 'colour'\",\"position\":7,\"parameter\":null}");

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.title()).isEqualTo("Bad Request");
    assertThat(e.detail()).isEqualTo("unknown field 'colour'");
    assertThat(e.extensions()).containsEntry("position", 7).containsEntry("parameter", null);
  }

  @Test
  void anAnswerThatIsNoProblemGetsTheReasonPhrase() {
    assertThat(ServiceErrors.of(502, "<html>bad gateway</html>").detail()).isEqualTo("Bad Gateway");
    assertThat(ServiceErrors.of(404, null).isNotFound()).isTrue();
    assertThat(ServiceErrors.of(599, "").title()).isEqualTo("HTTP 599");
    assertThat(ServiceErrors.of(500, "x".repeat(ServiceErrors.MAX_BODY_CHARS + 1)).detail())
        .isEqualTo("Internal Server Error");
  }

  @Test
  void nextPageOffsetComesFromTheServicesNextLink() {
    assertThat(new Paged<>(null, "/api/v1/experiments?$top=25&$skip=50").nextSkip()).hasValue(50);
    assertThat(new Paged<>(null, "/api/v1/x?%24skip=25&%24top=25").nextSkip()).hasValue(25);
    assertThat(new Paged<>(null, null).hasNext()).isFalse();
    assertThat(new Paged<>(null, "/api/v1/x?$top=25").hasNext()).isFalse();
    assertThat(new Paged<>(null, "/api/v1/x?$skip=lots").hasNext()).isFalse();
  }
}
