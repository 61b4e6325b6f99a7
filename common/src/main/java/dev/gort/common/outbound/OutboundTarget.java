package dev.gort.common.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A URL the guard may fetch: {@code http} or {@code https}, with a host, without user info, and a
 * port in 1-65535 (the scheme's default when none is written).
 *
 * @param host as the URL writes it, lower case (an IPv6 address keeps its brackets): what the Host
 *     header, TLS SNI and hostname verification use
 * @param requestUri the raw path and query sent in the request line (the fragment never is)
 */
record OutboundTarget(URI uri, boolean https, String host, int port, String requestUri) {

  /**
   * @throws NotFetchedException saying what makes the URL unusable
   */
  static OutboundTarget parse(String url) throws NotFetchedException {
    if (url == null) {
      throw NotFetchedException.refused("no URL");
    }
    try {
      return of(new URI(url));
    } catch (URISyntaxException e) {
      // the reason only: the URL itself may carry a token in its path or query
      throw NotFetchedException.refused(
          "not a URL: " + e.getReason() + " at index " + e.getIndex());
    }
  }

  /** The target a redirect's {@code Location} names, relative to this one. */
  OutboundTarget redirect(String location) throws NotFetchedException {
    if (location == null || location.isBlank()) {
      throw NotFetchedException.failed("a redirect without a Location");
    }
    try {
      return of(uri.resolve(new URI(location.trim())));
    } catch (NotFetchedException e) {
      throw NotFetchedException.refused("a redirect to " + e.getMessage());
    } catch (URISyntaxException e) {
      throw NotFetchedException.refused(
          "a redirect to something that is not a URL: " + e.getReason() + " at " + e.getIndex());
    }
  }

  private static OutboundTarget of(URI uri) throws NotFetchedException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw NotFetchedException.refused("not an http(s) URL: scheme '" + scheme + "'");
    }
    if (uri.getRawUserInfo() != null) {
      throw NotFetchedException.refused("a URL with user info");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw NotFetchedException.refused("a URL without a (valid) host");
    }
    boolean https = scheme.equals("https");
    int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
    if (port < 1 || port > 65535) {
      throw NotFetchedException.refused("a URL with port " + port);
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new OutboundTarget(
        uri, https, uri.getHost().toLowerCase(Locale.ROOT), port, path + query);
  }

  /** The name to resolve: the host without an IPv6 address's brackets. */
  String lookupName() {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** Scheme, host and port only: what the log may show (paths and queries can hold tokens). */
  String origin() {
    return (https ? "https://" : "http://") + host + ":" + port;
  }
}
