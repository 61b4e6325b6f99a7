package dev.gort.common.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundTargetTest {

  @Test
  void anHttpUrlGivesHostPortAndTheRequestLine() throws Exception {
    OutboundTarget target = OutboundTarget.parse("http://Runner.Example:8090/r/1?sig=a%20b#frag");

    assertThat(target.https()).isFalse();
    assertThat(target.host()).isEqualTo("runner.example");
    assertThat(target.port()).isEqualTo(8090);
    assertThat(target.requestUri()).isEqualTo("/r/1?sig=a%20b");
    assertThat(target.origin()).isEqualTo("http://runner.example:8090");
  }

  @Test
  void theSchemesDefaultPortAndPathApplyWhenNoneIsWritten() throws Exception {
    assertThat(OutboundTarget.parse("https://example.org").port()).isEqualTo(443);
    assertThat(OutboundTarget.parse("HTTPS://example.org").https()).isTrue();
    assertThat(OutboundTarget.parse("http://example.org").port()).isEqualTo(80);
    assertThat(OutboundTarget.parse("http://example.org").requestUri()).isEqualTo("/");
  }

  @Test
  void anIpv6HostKeepsItsBracketsForTheHostHeaderAndLosesThemForTheLookup() throws Exception {
    OutboundTarget target = OutboundTarget.parse("http://[::1]:8080/x");

    assertThat(target.host()).isEqualTo("[::1]");
    assertThat(target.lookupName()).isEqualTo("::1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.org/r",
        "file:///etc/passwd",
        "gopher://example.org:70/",
        "jar:http://example.org/a.jar!/",
        "javascript:alert(1)",
        "example.org/r",
        "//example.org/r",
        "http://user:secret@example.org/r",
        "http://user@example.org/r",
        "http:///r",
        "http://exa_mple.org/r",
        "http://example.org:0/r",
        "http://example.org:70000/r",
        "http://exa mple.org/r",
        ""
      })
  void aUrlThatIsNotPlainHttpOrHttpsToAHostIsRefused(String url) {
    assertThatThrownBy(() -> OutboundTarget.parse(url))
        .isInstanceOf(NotFetchedException.class)
        .satisfies(e -> assertThat(((NotFetchedException) e).refused()).isTrue());
  }

  @Test
  void theRefusalNeverRepeatsTheUserInfo() {
    assertThatThrownBy(() -> OutboundTarget.parse("http://user:hunter2@example.org/r"))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aRedirectResolvesAgainstTheTargetItCameFrom() throws Exception {
    OutboundTarget from = OutboundTarget.parse("https://a.example/runs/1/results");

    assertThat(from.redirect("/other").origin()).isEqualTo("https://a.example:443");
    assertThat(from.redirect("/other").requestUri()).isEqualTo("/other");
    assertThat(from.redirect("2").requestUri()).isEqualTo("/runs/1/2");
    assertThat(from.redirect("http://b.example:81/x").origin()).isEqualTo("http://b.example:81");
    assertThat(OutboundTarget.parse("http://a.example").redirect("x").requestUri())
        .as("relative to a URL without a path")
        .isEqualTo("/x");
    assertThat(OutboundTarget.parse("http://a.example").redirect("x").host())
        .isEqualTo("a.example");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "http://u:p@b.example/", "ftp://b.example/"})
  void aRedirectToAnUnusableUrlIsRefused(String location) throws Exception {
    OutboundTarget from = OutboundTarget.parse("https://a.example/r");

    assertThatThrownBy(() -> from.redirect(location))
        .isInstanceOf(NotFetchedException.class)
        .satisfies(e -> assertThat(((NotFetchedException) e).refused()).isTrue());
  }
}
