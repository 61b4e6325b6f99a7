package dev.gort.localrunner.access;

import dev.gort.common.web.Problem;
import dev.gort.localrunner.config.LocalRunnerConfig;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * Only the gateway may call the agent's API: every request under {@code /api/} carries {@code
 * Authorization: Bearer <gort.local-runner.token>}, compared in constant time (over SHA-256
 * digests, so not even the length leaks), before anything of the request is read. The job's log and
 * results are the exception: they carry the job's own read token instead.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class GatewayAccess implements ContainerRequestFilter {

  private static final Pattern READ_TOKEN_PATHS =
      Pattern.compile("/api/v1/jobs/[^/]+/(log|results)/?");

  // the filter is created at static init, before the runtime configuration: read it at first use
  @Inject jakarta.inject.Provider<LocalRunnerConfig> config;
  private volatile byte[] expected;

  private byte[] expected() {
    if (expected == null) {
      expected = digest(config.get().token().orElse(""));
    }
    return expected;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    byte[] expected = expected();
    String path = request.getUriInfo().getRequestUri().getRawPath();
    if (!path.startsWith("/api/") || READ_TOKEN_PATHS.matcher(path).matches()) {
      return;
    }
    String header = request.getHeaderString("Authorization");
    String given =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : null;
    if (given == null
        || given.isEmpty()
        || expected.length == 0
        || !MessageDigest.isEqual(expected, digest(given))) {
      request.abortWith(
          Response.status(401)
              .header("WWW-Authenticate", "Bearer")
              .type(Problem.MEDIA_TYPE)
              .entity(
                  new Problem(
                      "about:blank", "Unauthorized", 401, "a valid bearer token is required", null))
              .build());
    }
  }

  private static byte[] digest(String token) {
    if (token.isEmpty()) {
      return new byte[0];
    }
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
