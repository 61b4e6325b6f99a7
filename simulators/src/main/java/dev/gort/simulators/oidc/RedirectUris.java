package dev.gort.simulators.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Whether a redirect URI is one a client registered, as Keycloak matches them: equal, or starting
 * with a registered value's part before its trailing {@code *}. A URI with a fragment, or one that
 * is not absolute, never matches (RFC 6749 section 3.1.2).
 */
final class RedirectUris {

  private RedirectUris() {}

  static boolean registered(Optional<List<String>> registered, String uri) {
    if (uri == null || !isAbsoluteWithoutFragment(uri)) {
      return false;
    }
    return registered.orElse(List.of()).stream().anyMatch(pattern -> matches(pattern, uri));
  }

  private static boolean matches(String pattern, String uri) {
    if (pattern.endsWith("*")) {
      return uri.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return pattern.equals(uri);
  }

  private static boolean isAbsoluteWithoutFragment(String uri) {
    try {
      URI parsed = new URI(uri);
      return parsed.isAbsolute() && parsed.getRawFragment() == null && parsed.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** {@code uri} with {@code query} (already encoded) added to its query. */
  static String withQuery(String uri, String query) {
    return uri + (uri.contains("?") ? "&" : "?") + query;
  }

  /** {@code scheme://host[:port]} of an absolute URI, as Content-Security-Policy names a source. */
  static String origin(String uri) {
    URI parsed = URI.create(uri);
    return parsed.getScheme()
        + "://"
        + parsed.getRawAuthority().substring(parsed.getRawAuthority().lastIndexOf('@') + 1);
  }
}
