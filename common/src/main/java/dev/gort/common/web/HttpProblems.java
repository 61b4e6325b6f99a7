package dev.gort.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Problem responses written at the HTTP layer, before or outside JAX-RS (request hygiene,
 * authentication failures, size limits): the same {@code application/problem+json} the API's own
 * errors are, logged the same way.
 */
public final class HttpProblems {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpProblems() {}

  /** Answers {@code status} with a problem saying {@code detail}, and ends the request. */
  public static void send(RoutingContext ctx, int status, String detail) {
    send(ctx, status, detail, Map.of());
  }

  public static void send(
      RoutingContext ctx, int status, String detail, Map<String, String> headers) {
    Problem problem =
        new Problem("about:blank", ProblemMappers.titleOf(status), status, detail, null);
    ProblemMappers.log(problem, null);
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      ctx.request().connection().close();
      return;
    }
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a problem", e);
    }
    response.setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE);
    headers.forEach(response::putHeader);
    if (status == 411 || status == 413 || status == 414 || status == 431) {
      // the rest of an oversized request is not read: the connection cannot be reused
      response.putHeader("Connection", "close");
    }
    response.end(io.vertx.core.buffer.Buffer.buffer(body));
  }
}
