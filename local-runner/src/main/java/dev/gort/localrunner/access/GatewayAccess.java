package dev.gort.localrunner.access;

import dev.gort.common.web.Problem;
import dev.gort.localrunner.config.LocalRunnerConfig;
import dev.gort.localrunner.job.JobOutputResource;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Only the gateway may call the agent's API: every request under {@code /api/} carries {@code
 * Authorization: Bearer <gort.local-runner.token>}, compared in constant time (over SHA-256
 * digests, so not even the length leaks), before its body is read or its resource called. The job's
 * log and results ({@link JobOutputResource}) are the exception: they carry the job's own read
 * token instead. Which is which is decided by the resource the request matched, not by a pattern
 * over its path.
 */
@jakarta.ws.rs.ext.Provider
@Priority(Priorities.AUTHENTICATION)
public class GatewayAccess implements ContainerRequestFilter {

  // the filter is created at static init, before the runtime configuration: read it at first use
  @Inject Provider<LocalRunnerConfig> config;
  @Context ResourceInfo resource;
  private volatile byte[] expected;

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getRequestUri().getRawPath();
    Class<?> target = resource == null ? null : resource.getResourceClass();
    if (!path.startsWith("/api/") || target == JobOutputResource.class) {
      return;
    }
    byte[] expected = expected();
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

  private byte[] expected() {
    if (expected == null) {
      expected = digest(config.get().token().orElse(""));
    }
    return expected;
  }

  private static byte[] digest(String token) {
    if (token.isEmpty()) {
      return new byte[0];
    }
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
