package dev.gort.simulators.ai;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error as OpenAI's API answers it: a status and {@code {"error": {"message", "type", "param",
 * "code"}}}, param and code null where OpenAI leaves them null.
 */
record OpenAiError(int status, String message, String type, String param, String code) {

  static OpenAiError badRequest(String message, String param, String code) {
    return new OpenAiError(400, message, "invalid_request_error", param, code);
  }

  static OpenAiError noKey() {
    return new OpenAiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header"
            + " using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        "invalid_request_error",
        null,
        null);
  }

  static OpenAiError wrongKey() {
    return new OpenAiError(
        401,
        "Incorrect API key provided. You can find your API key at"
            + " https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
        null,
        "invalid_api_key");
  }

  /** What OpenAI answers with this status when it is the one at fault (mode error). */
  static OpenAiError outage(int status) {
    return switch (status) {
      case 429 ->
          new OpenAiError(
              429,
              "Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please"
                  + " try again in 20s.",
              "requests",
              null,
              "rate_limit_exceeded");
      case 503 ->
          new OpenAiError(
              503,
              "The engine is currently overloaded, please try again later.",
              "server_error",
              null,
              null);
      default ->
          new OpenAiError(
              status,
              "The server had an error while processing your request. Sorry about that!",
              "server_error",
              null,
              null);
    };
  }

  Response response() {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    Response.ResponseBuilder answer =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(Map.of("error", error));
    if (status == 401) {
      answer.header("WWW-Authenticate", "Bearer");
    }
    return answer.build();
  }
}
