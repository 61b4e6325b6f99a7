package dev.gort.console.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * A live area of a page ({@code <section data-live-src>}): console.js asks for it again with {@code
 * ?fragment=<name>} after the fragment's {@code Retry-After}, and stops once the fragment comes
 * without {@code data-live-src} (what it shows has finished).
 */
public final class Live {

  /** The query parameter naming the fragment asked for. */
  public static final String FRAGMENT = "fragment";

  /** How often a live area is refreshed when its service gives no Retry-After. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

  private Live() {}

  public static Response fragment(TemplateInstance fragment, Duration retryAfter) {
    long seconds = Math.max(1, retryAfter == null ? 1 : retryAfter.toSeconds());
    return Response.ok(fragment.render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Retry-After", seconds)
        .build();
  }
}
