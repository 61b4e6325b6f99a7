package dev.gort.console.api;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Calls that carry an {@code Idempotency-Key} made when a form was rendered. A double click sends
 * the form twice at once: the second reaches the service while the first holds the key, and the
 * service answers 409 "still in flight" with {@code Retry-After}; sent again a moment later it gets
 * the first request's answer, so the user lands where the first would have taken them.
 */
public final class KeyedRequests {

  public static final String HEADER = "Idempotency-Key";
  static final int TRIES = 5;
  static final Duration PAUSE = Duration.ofSeconds(1);

  /** How the caller waits between tries; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private KeyedRequests() {}

  /** The call's answer, sent again while its key's first request is in flight. */
  public static <T> T send(Supplier<T> call) {
    return send(call, d -> Thread.sleep(d.toMillis()));
  }

  static <T> T send(Supplier<T> call, Pause pause) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (ServiceException e) {
        if (!inFlight(e) || attempt == TRIES) {
          throw e;
        }
      }
      try {
        pause.pause(PAUSE);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new ServiceException(
            409, "Conflict", "the request is still being made; reload the page in a moment");
      }
    }
  }

  /** The service's answer while another request with the same key is being made. */
  public static boolean inFlight(ServiceException e) {
    return e.status() == 409 && HEADER.equals(e.extensions().get("header"));
  }

  /** The service's answer to a key already used for a different request. */
  public static boolean reused(ServiceException e) {
    return e.status() == 422 && HEADER.equals(e.extensions().get("header"));
  }
}
