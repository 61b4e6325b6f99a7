package dev.gort.console.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service answered a call with an error: its status, and the title and detail of its problem+json
 * (or a plain description when it sent none). {@code extensions} holds the problem's other members,
 * such as a {@code $filter} error's {@code position}.
 */
public class ServiceException extends RuntimeException {

  private final int status;
  private final String title;
  private final String detail;
  private final Map<String, Object> extensions;

  public ServiceException(int status, String title, String detail) {
    this(status, title, detail, Map.of());
  }

  public ServiceException(int status, String title, String detail, Map<String, Object> extensions) {
    super(status + " " + title + ": " + detail);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return detail;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }

  public boolean isNotFound() {
    return status == 404;
  }
}
