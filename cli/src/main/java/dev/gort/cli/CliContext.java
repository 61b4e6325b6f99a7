package dev.gort.cli;

import dev.gort.cli.auth.TokenCache;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.output.OutputFormat;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a command talks to and how it answers: the scheduler, the issuer, the OIDC client, the
 * output format, gort's home ({@code GORT_HOME}, else {@code ~/.gort}) and the environment, checked
 * once.
 */
public record CliContext(
    URI server,
    URI issuer,
    String clientId,
    OutputFormat output,
    Path home,
    Map<String, String> env) {

  public static CliContext of(
      URI server, URI issuer, String clientId, OutputFormat output, Map<String, String> env) {
    return new CliContext(
        baseUrl("--server", server),
        baseUrl("--issuer", issuer),
        clientId,
        output,
        home(env),
        Map.copyOf(env));
  }

  static Path home(Map<String, String> env) {
    String home = env.get("GORT_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    return Path.of(System.getProperty("user.home"), ".gort");
  }

  private static URI baseUrl(String option, URI url) {
    if (url == null
        || url.getHost() == null
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw CliFailure.usage(option + " must be an http(s) URL with a host, not '" + url + "'");
    }
    String text = url.toString();
    return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }

  public TokenCache tokens() {
    return new TokenCache(home);
  }
}
