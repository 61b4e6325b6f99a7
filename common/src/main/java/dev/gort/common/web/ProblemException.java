package dev.gort.common.web;

import java.util.Map;

/** Thrown by resources and services to answer with a problem+json of the given status. */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String title;
  private final Map<String, Object> extensions;
  private final Map<String, String> headers;

  public ProblemException(int status, String title, String detail) {
    this(status, title, detail, null);
  }

  public ProblemException(int status, String title, String detail, Map<String, Object> extensions) {
    this(status, title, detail, extensions, Map.of());
  }

  /** A problem that goes out with the response headers {@code headers} too (for subclasses). */
  protected ProblemException(
      int status,
      String title,
      String detail,
      Map<String, Object> extensions,
      Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.title = title;
    this.extensions = extensions;
    this.headers = Map.copyOf(headers);
  }

  /** 405, with the {@code Allow} header RFC 9110 asks for: the methods the resource does allow. */
  public static ProblemException methodNotAllowed(
      String detail, Map<String, Object> extensions, String... allowed) {
    return new ProblemException(
        405, "Method Not Allowed", detail, extensions, Map.of("Allow", String.join(", ", allowed)));
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "Not Found", detail);
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "Bad Request", detail);
  }

  public static ProblemException conflict(String detail, Map<String, Object> extensions) {
    return new ProblemException(409, "Conflict", detail, extensions);
  }

  public static ProblemException unauthorized(String detail) {
    return new ProblemException(401, "Unauthorized", detail);
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, "Forbidden", detail);
  }

  /** 422: the request is well formed but cannot be taken as it is (RFC 9110, 15.5.21). */
  public static ProblemException unprocessable(String detail, Map<String, Object> extensions) {
    return new ProblemException(422, "Unprocessable Content", detail, extensions);
  }

  /** A problem that goes out with the response headers {@code headers} too. */
  public static ProblemException withHeaders(
      int status,
      String title,
      String detail,
      Map<String, Object> extensions,
      Map<String, String> headers) {
    return new ProblemException(status, title, detail, extensions, headers);
  }

  public Problem toProblem() {
    return new Problem("about:blank", title, status, getMessage(), extensions);
  }

  public int status() {
    return status;
  }

  /** Response headers the problem goes out with, beyond its content type. */
  public Map<String, String> headers() {
    return headers;
  }
}
