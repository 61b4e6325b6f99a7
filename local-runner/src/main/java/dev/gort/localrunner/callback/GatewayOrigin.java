package dev.gort.localrunner.callback;

import dev.gort.localrunner.job.InvalidJobException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The runner gateway's origin ({@code scheme://host[:port]}; without a port, any port of that
 * host): a job's callback URL must be on it, so the agent never signs or sends anything elsewhere,
 * whatever a job says.
 */
public final class GatewayOrigin {

  private final URI origin;

  public GatewayOrigin(String url) {
    this.origin = URI.create(url);
    if (origin.getScheme() == null || origin.getHost() == null) {
      throw new IllegalArgumentException(
          "gort.local-runner.gateway-url must be scheme://host[:port]");
    }
  }

  /**
   * @throws InvalidJobException when {@code url} is not an http(s) URL on the gateway's origin with
   *     a {@code token} parameter
   */
  public URI check(String url) {
    URI callback;
    try {
      callback = new URI(url);
    } catch (URISyntaxException e) {
      throw new InvalidJobException("callbackUrl is not a URL");
    }
    boolean same =
        callback.getScheme() != null
            && callback.getHost() != null
            && callback.getRawUserInfo() == null
            && origin.getScheme().equalsIgnoreCase(callback.getScheme())
            && origin.getHost().equalsIgnoreCase(callback.getHost())
            && (origin.getPort() < 0 || origin.getPort() == callback.getPort());
    if (!same) {
      throw new InvalidJobException(
          "callbackUrl is not on the configured gateway "
              + origin
              + " (gort.local-runner.gateway-url)");
    }
    String token = token(callback);
    if (token == null || token.isBlank()) {
      throw new InvalidJobException("callbackUrl carries no token parameter");
    }
    return callback;
  }

  /** The callback URL's {@code token} query parameter, decoded, or null. */
  public static String token(URI callback) {
    String query = callback.getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("token")) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
