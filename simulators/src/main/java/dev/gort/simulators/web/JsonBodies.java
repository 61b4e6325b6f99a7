package dev.gort.simulators.web;

import dev.gort.common.web.JsonBody;
import dev.gort.common.web.ProblemException;
import jakarta.inject.Singleton;

/**
 * Reads request bodies ourselves instead of letting JAX-RS bind them, so that every malformed body
 * is answered with the same {@code application/problem+json} 400 as Gort's own APIs give, whatever
 * is wrong with it ({@link JsonBody}).
 */
@Singleton
public class JsonBodies {

  /** Small documents; like the APIs they stand in for, fields they do not know are ignored. */
  static final JsonBody.Limits LIMITS =
      JsonBody.Limits.of(1024 * 1024, 64 * 1024).ignoringUnknownFields();

  public <T> T read(byte[] body, Class<T> type) {
    return read(body, type, LIMITS);
  }

  /** Like {@link #read(byte[], Class)}, within an endpoint's own limits (larger documents). */
  public <T> T read(byte[] body, Class<T> type, JsonBody.Limits limits) {
    if (body == null || body.length == 0) {
      throw ProblemException.badRequest("a JSON body is required");
    }
    T value = JsonBody.read(body, type, limits);
    if (value == null) {
      throw ProblemException.badRequest("a JSON object body is required");
    }
    return value;
  }
}
