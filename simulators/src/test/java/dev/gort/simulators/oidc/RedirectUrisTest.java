package dev.gort.simulators.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedirectUrisTest {

  private static final Optional<List<String>> REGISTERED =
      Optional.of(List.of("http://localhost:8080/*", "https://app.example.test/callback"));

  @ParameterizedTest
  @CsvSource({
    "http://localhost:8080/, true",
    "http://localhost:8080/console/callback?x=1, true",
    "https://app.example.test/callback, true",
    "https://app.example.test/callback/, false",
    "https://app.example.test/callback?x=1, false",
    "http://localhost:8080, false",
    "http://localhost:8080.evil.example/, false",
    "http://localhost:80801/, false",
    "http://localhost:8080/#fragment, false",
    "/console/callback, false",
    "http://local host:8080/, false"
  })
  void matchesExactlyOrByThePrefixBeforeTheStar(String uri, boolean registered) {
    assertThat(RedirectUris.registered(REGISTERED, uri)).isEqualTo(registered);
  }

  @ParameterizedTest
  @CsvSource({"http://localhost:8080/", "''"})
  void aClientWithoutRedirectUrisHasNone(String uri) {
    assertThat(RedirectUris.registered(Optional.empty(), uri)).isFalse();
    assertThat(RedirectUris.registered(REGISTERED, null)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "https://app.example.test/callback, https://app.example.test",
    "http://user@localhost:8080/x?y, http://localhost:8080"
  })
  void theOriginIsSchemeHostAndPort(String uri, String origin) {
    assertThat(RedirectUris.origin(uri)).isEqualTo(origin);
  }
}
