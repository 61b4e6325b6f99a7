package dev.gort.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/** A server's answer that {@link GortHttp} found to be a success: status, headers and JSON body. */
public record Answer(int status, HttpHeaders headers, JsonNode body) {

  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** {@code Retry-After} in seconds (the only form Gort's services send), if given. */
  public Optional<Duration> retryAfter() {
    return header("Retry-After")
        .flatMap(
            value -> {
              try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }
}
