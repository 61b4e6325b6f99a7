package dev.gort.common.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.Set;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}. Extension members (such as
 * {@code unfinishedRun}) sit at the top level beside the standard ones, as the RFC asks.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail"})
public final class Problem {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** RFC 9457's own members; an extension of the same name would silently replace one. */
  private static final Set<String> STANDARD_MEMBERS =
      Set.of("type", "title", "status", "detail", "instance");

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
    for (String name : this.extensions.keySet()) {
      if (STANDARD_MEMBERS.contains(name)) {
        throw new IllegalArgumentException("problem extension '" + name + "' is a standard member");
      }
    }
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
