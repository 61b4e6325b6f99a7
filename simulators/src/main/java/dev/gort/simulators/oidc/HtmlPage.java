package dev.gort.simulators.oidc;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The realm's HTML pages (device verification, login, logout): plain markup without script or
 * style, every value from the request escaped, answered uncached and never in a frame.
 */
final class HtmlPage {

  /** A page that needs no script, style, image or frame and posts only to its own origin. */
  static final String POSTS_TO_ITSELF =
      "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  /** A page without a form. */
  static final String NO_FORM =
      "default-src 'none'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

  private HtmlPage() {}

  static String of(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
        + escape(title)
        + "</title>\n</head>\n<body>\n"
        + body
        + "</body>\n</html>\n";
  }

  static Response.ResponseBuilder response(int status, String html, String contentSecurityPolicy) {
    return Response.status(status)
        .entity(html)
        .type(MediaType.TEXT_HTML + ";charset=utf-8")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header("Content-Security-Policy", contentSecurityPolicy)
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff");
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
