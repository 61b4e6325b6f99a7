package dev.gort.common.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The first look at every request, before authentication, routing or any database call: a request
 * target or headers too large (414, 431), a body of undeclared size (411) or declared larger than
 * the service takes (413), or a path or query parameter that is not percent-encoded UTF-8, holds a
 * NUL or another control character, or is longer than any Gort value (400) is answered with a
 * problem at once. The problem names the part at fault, never echoes it.
 */
@Singleton
public class RequestHygiene {

  /** Before Quarkus's own handlers (authentication included). */
  static final int PRIORITY = 1_000_000;

  @Inject HttpLimits limits;

  void register(@Observes Filters filters) {
    filters.register(this::check, PRIORITY);
  }

  void check(RoutingContext ctx) {
    Rejection rejection = inspect(ctx.request().uri(), ctx.request().headers());
    if (rejection == null) {
      ctx.next();
    } else {
      HttpProblems.send(ctx, rejection.status(), rejection.detail());
    }
  }

  /** Why a request is refused. */
  record Rejection(int status, String detail) {}

  /** What is wrong with a request for {@code uri} with {@code headers}; null when nothing is. */
  Rejection inspect(String uri, MultiMap headers) {
    if (uri.length() > limits.maxUriLength()) {
      return new Rejection(
          414, "the request target is longer than " + limits.maxUriLength() + " characters");
    }
    long headerBytes = 0;
    for (Map.Entry<String, String> header : headers) {
      headerBytes += header.getKey().length() + header.getValue().length() + 4;
    }
    if (headerBytes > limits.maxHeaderBytes()) {
      return new Rejection(
          431, "the request headers are larger than " + limits.maxHeaderBytes() + " bytes");
    }
    if (headers.contains("Transfer-Encoding") && !headers.contains("Content-Length")) {
      // a body of unknown size could only be measured after reading it: Gort's bodies are small
      // documents, so their size is asked for up front (RFC 9110, 15.5.12)
      return new Rejection(411, "a request body must declare its Content-Length");
    }
    Rejection body = declaredBody(headers.get("Content-Length"));
    if (body != null) {
      return body;
    }
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    Rejection inPath = path(path);
    if (inPath != null || query < 0) {
      return inPath;
    }
    return query(uri.substring(query + 1));
  }

  private Rejection declaredBody(String contentLength) {
    if (contentLength == null) {
      return null;
    }
    long declared;
    try {
      declared = Long.parseLong(contentLength.trim());
    } catch (NumberFormatException e) {
      return new Rejection(400, "the Content-Length header is not a number");
    }
    if (declared > limits.maxBodyBytes()) {
      return new Rejection(
          413,
          "the body has "
              + declared
              + " bytes; this service takes at most "
              + limits.maxBodyBytes());
    }
    return null;
  }

  private Rejection path(String rawPath) {
    for (String segment : rawPath.split("/", -1)) {
      String decoded;
      try {
        decoded = PercentDecoding.decode(segment, false);
      } catch (PercentDecoding.Malformed e) {
        return new Rejection(400, "the path holds " + e.getMessage());
      }
      if (Untrusted.hasControlCharacter(decoded)) {
        return new Rejection(400, "the path holds a NUL or another control character");
      }
      if (decoded.length() > limits.maxPathSegmentLength()) {
        return new Rejection(
            400, "a path segment is longer than " + limits.maxPathSegmentLength() + " characters");
      }
    }
    return null;
  }

  private Rejection query(String rawQuery) {
    String[] pairs = rawQuery.split("&", -1);
    if (pairs.length > limits.maxQueryParameters()) {
      return new Rejection(400, "more than " + limits.maxQueryParameters() + " query parameters");
    }
    for (String pair : pairs) {
      int equals = pair.indexOf('=');
      String name;
      String value;
      try {
        name = PercentDecoding.decode(equals < 0 ? pair : pair.substring(0, equals), true);
        value = equals < 0 ? "" : PercentDecoding.decode(pair.substring(equals + 1), true);
      } catch (PercentDecoding.Malformed e) {
        return new Rejection(400, "the query holds " + e.getMessage());
      }
      if (Untrusted.hasControlCharacter(name) || name.length() > 64) {
        return new Rejection(400, "the query holds an invalid parameter name");
      }
      if (Untrusted.hasControlCharacter(value)) {
        return new Rejection(
            400,
            "query parameter "
                + Untrusted.quote(name)
                + " holds a NUL or another control character");
      }
      if (value.length() > limits.maxQueryValueLength()) {
        return new Rejection(
            400,
            "query parameter "
                + Untrusted.quote(name)
                + " is longer than "
                + limits.maxQueryValueLength()
                + " characters");
      }
    }
    return null;
  }
}
