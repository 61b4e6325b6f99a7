package dev.gort.provisioner.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.web.Untrusted;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;

/**
 * One way to the OpenAI-compatible model: a chat completion with a strict JSON-schema response
 * format, one try (no retries: the rules answer instead), bounded by the configured timeout.
 * Returns the assistant's raw content; the caller validates it.
 */
public final class ModelClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChatModel model;
  private final Duration timeout;

  ModelClient(ChatModel model, Duration timeout) {
    this.model = model;
    this.timeout = timeout;
  }

  /** A client for the configured model, or empty when no base URL is configured. */
  public static Optional<ModelClient> from(ModelConfig config) {
    Optional<String> baseUrl = config.baseUrl().map(String::strip).filter(url -> !url.isEmpty());
    if (baseUrl.isEmpty()) {
      return Optional.empty();
    }
    ChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl.get())
            .apiKey(config.apiKey().filter(key -> !key.isBlank()).orElse(null))
            .modelName(config.modelName())
            .timeout(config.timeout())
            .maxRetries(0)
            .strictJsonSchema(true)
            // request and response bodies carry repository content and the Authorization header
            .logRequests(false)
            .logResponses(false)
            .build();
    return Optional.of(new ModelClient(model, config.timeout()));
  }

  /**
   * Asks the model, telling it to answer with {@code schema} named {@code schemaName}.
   *
   * @return the assistant message's content, possibly null or not JSON at all
   * @throws ModelFailure when no content came back
   */
  public String ask(String schemaName, JsonObjectSchema schema, String system, String user)
      throws ModelFailure {
    ChatRequest request =
        ChatRequest.builder()
            .messages(SystemMessage.from(system), UserMessage.from(user))
            .responseFormat(
                ResponseFormat.builder()
                    .type(ResponseFormatType.JSON)
                    .jsonSchema(JsonSchema.builder().name(schemaName).rootElement(schema).build())
                    .build())
            .build();
    ChatResponse response;
    try {
      response = model.chat(request);
    } catch (ContentFilteredException e) {
      // langchain4j turns the assistant message's refusal into this exception
      throw new ModelFailure(ModelFailure.Kind.REFUSED, Untrusted.escape(text(e), 200));
    } catch (RuntimeException e) {
      throw new ModelFailure(ModelFailure.Kind.UNAVAILABLE, unavailable(e));
    }
    return response.aiMessage() == null ? null : response.aiMessage().text();
  }

  private String unavailable(RuntimeException e) {
    if (timedOut(e)) {
      return "timeout after " + seconds(timeout);
    }
    HttpException http = find(e, HttpException.class);
    if (http != null) {
      String what =
          e instanceof RateLimitException
              ? " (rate limited)"
              : e instanceof AuthenticationException ? " (key refused)" : "";
      String detail = errorMessage(http.getMessage());
      return "HTTP " + http.statusCode() + what + (detail.isEmpty() ? "" : ": " + detail);
    }
    if (find(e, ConnectException.class) != null) {
      return "connection refused";
    }
    if (find(e, UnresolvedAddressException.class) != null
        || find(e, java.net.UnknownHostException.class) != null) {
      return "host not found";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + Untrusted.escape(text(root), 120);
  }

  private static boolean timedOut(Throwable e) {
    return find(e, TimeoutException.class) != null
        || find(e, HttpTimeoutException.class) != null
        || find(e, SocketTimeoutException.class) != null;
  }

  /** OpenAI's {@code {"error": {"message": ...}}}, escaped and cut; nothing when not that. */
  private static String errorMessage(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode message = JSON.readTree(body).path("error").path("message");
      return message.isTextual() ? Untrusted.escape(message.asText(), 120) : "";
    } catch (Exception notJson) {
      return "";
    }
  }

  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private static String text(Throwable e) {
    return e.getMessage() == null ? "" : e.getMessage();
  }

  private static <X extends Throwable> X find(Throwable e, Class<X> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
