package dev.gort.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.http.Json;
import java.time.Duration;
import java.util.Optional;

/** An operation as polled, and how long the scheduler asks to wait before the next poll. */
public record Polled(JsonNode operation, Optional<Duration> retryAfter) {
  public String status() {
    return Json.text(operation, "status");
  }
}
