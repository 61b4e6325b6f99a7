package dev.gort.common.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}. Extension members (such as
 * {@code unfinishedRun}) sit at the top level beside the standard ones, as the RFC asks.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail"})
public final class Problem {

  public static final String MEDIA_TYPE = "application/problem+json";

  private final String type;
  private final String title;
  private final int status;
  private final String detail;
  private final Map<String, Object> extensions;

  public Problem(
      String type, String title, int status, String detail, Map<String, Object> extensions) {
    this.type = type;
    this.title = title;
    this.status = status;
    this.detail = detail;
    this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
  }

  public String getType() {
    return type;
  }

  public String getTitle() {
    return title;
  }

  public int getStatus() {
    return status;
  }

  public String getDetail() {
    return detail;
  }

  @JsonAnyGetter
  public Map<String, Object> extensions() {
    return extensions;
  }
}
