package dev.gort.gateway.runner;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A callback as it arrived, before anything in it is trusted: the headers, the exact body bytes,
 * and for {@link CallbackStyle#PER_JOB} runners the attempt and token of its URL (null otherwise).
 */
public final class CallbackRequest {

  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final String attemptId;
  private final String token;

  public CallbackRequest(
      Map<String, List<String>> headers, byte[] body, String attemptId, String token) {
    this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> this.headers.put(name.toLowerCase(Locale.ROOT), values));
    this.body = body == null ? new byte[0] : body;
    this.attemptId = attemptId;
    this.token = token;
  }

  /** The first value of header {@code name} (any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body exactly as received; callers must not change it. */
  public byte[] body() {
    return body;
  }

  public String attemptId() {
    return attemptId;
  }

  public String token() {
    return token;
  }
}
