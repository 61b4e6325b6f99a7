package dev.gort.simulators.results;

import dev.gort.common.web.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Results hosts that misbehave, for testing the outbound-URL guard the way a hostile or broken
 * runner would use it: one that redirects wherever it is told (to loopback, to a cloud metadata
 * address), and one that streams a body far past any size limit, slowly, counting what it got to
 * send before the client hung up. On the simulators' loopback port only, like the rest of /sim.
 */
@Path("/sim/results")
public class HostileResultsResource {

  private static final int MAX_BYTES = 64 * 1024 * 1024;

  private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();

  /** 302 to {@code to}. */
  @GET
  @Path("/redirect")
  public Response redirect(@QueryParam("to") String to) {
    if (to == null || to.isBlank()) {
      throw ProblemException.badRequest("to is required");
    }
    return Response.status(302).location(URI.create(to)).build();
  }

  /**
   * {@code bytes} bytes of a JSON string, {@code chunk} at a time with {@code delayMs} between
   * chunks; what reached the client is counted under {@code id}.
   */
  @GET
  @Path("/slow/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Blocking
  public Response slow(
      @PathParam("id") String id,
      @QueryParam("bytes") int bytes,
      @QueryParam("chunk") int chunk,
      @QueryParam("delayMs") long delayMs) {
    if (bytes <= 0 || bytes > MAX_BYTES || chunk <= 0 || delayMs < 0) {
      throw ProblemException.badRequest(
          "bytes (1.." + MAX_BYTES + "), chunk (> 0) and delayMs (>= 0) are required");
    }
    AtomicLong counter = new AtomicLong();
    sent.put(id, counter);
    byte[] piece = new byte[chunk];
    java.util.Arrays.fill(piece, (byte) 'x');
    StreamingOutput body =
        out -> {
          try {
            for (long written = 0; written < bytes; written += chunk) {
              int n = (int) Math.min(chunk, bytes - written);
              out.write(piece, 0, n);
              out.flush();
              counter.addAndGet(n);
              Thread.sleep(delayMs);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException hungUp) {
            // the client stopped reading: what was counted is what it took
          }
        };
    return Response.ok(body).header("Content-Type", MediaType.APPLICATION_JSON).build();
  }

  /** {@code {"id": ..., "bytesSent": n}}: what the slow host got out for {@code id}. */
  @GET
  @Path("/slow/{id}/sent")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> sent(@PathParam("id") String id) {
    AtomicLong counter = sent.get(id);
    if (counter == null) {
      throw ProblemException.notFound("nothing was streamed for " + id);
    }
    return Map.of("id", id, "bytesSent", counter.get());
  }
}
