package dev.gort.simulators.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.web.ProblemException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Reads request bodies ourselves instead of letting JAX-RS bind them, so that every malformed body
 * is answered with the same {@code application/problem+json} 400, whatever Jackson trips on.
 */
@Singleton
public class JsonBodies {

  private final ObjectMapper mapper;

  @Inject
  public JsonBodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public <T> T read(byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw ProblemException.badRequest("a JSON body is required");
    }
    T value;
    try {
      value = mapper.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw ProblemException.badRequest("malformed JSON body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ProblemException.badRequest("unreadable body: " + e.getMessage());
    }
    if (value == null) {
      throw ProblemException.badRequest("a JSON object body is required");
    }
    return value;
  }
}
