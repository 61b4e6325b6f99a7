package dev.gort.simulators.git;

import dev.gort.common.web.Untrusted;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.ServiceMayNotContinueException;
import org.eclipse.jgit.transport.UploadPack;
import org.jboss.logging.Logger;

/**
 * Git's smart HTTP protocol, fetch side only, for the {@link SampleRepositories}: {@code GET
 * /git/<name>.git/info/refs?service=git-upload-pack} advertises the refs (protocol v0, with the
 * {@code # service=git-upload-pack} preamble; protocol v2's capabilities when the client sends
 * {@code Git-Protocol: version=2}) and {@code POST /git/<name>.git/git-upload-pack} answers a
 * fetch, shallow ones included, both by JGit's own {@link UploadPack}. Pushing is refused (403), as
 * is dumb HTTP. Faults ({@code PUT /sim/git/faults}) answer 503 or hold back the pack.
 */
@Path("/git/{repository}")
public class GitHttpResource {

  static final String UPLOAD_PACK = "git-upload-pack";
  static final String ADVERTISEMENT = "application/x-git-upload-pack-advertisement";
  static final String REQUEST = "application/x-git-upload-pack-request";
  static final String RESULT = "application/x-git-upload-pack-result";

  private static final Logger LOG = Logger.getLogger(GitHttpResource.class);

  /** How long, in seconds, upload-pack waits on a stalled client. */
  private static final int IO_TIMEOUT_SECONDS = 60;

  @Inject SampleRepositories repositories;
  @Inject GitSimConfig config;

  @GET
  @Path("/info/refs")
  @Blocking
  public Response advertise(
      @PathParam("repository") String name,
      @QueryParam("service") String service,
      @HeaderParam("Git-Protocol") String protocol) {
    Optional<ServedRepository> found = repositories.named(name);
    if (found.isEmpty()) {
      return text(404, "Repository not found: " + Untrusted.quote(name) + "\n");
    }
    ServedRepository repository = found.get();
    if (!UPLOAD_PACK.equals(service)) {
      return text(403, "Only smart HTTP fetching (service=git-upload-pack) is served here.\n");
    }
    if (repositories.takeFailure(repository.name(), true)) {
      LOG.infof("simulated Git: %s answered 503 (a scripted fault)", repository.name());
      return text(503, "Service temporarily unavailable (a fault scripted by /sim/git/faults)\n");
    }
    StreamingOutput body =
        out -> {
          UploadPack up = uploadPack(repository, protocol);
          try {
            PacketLineOut packets = new PacketLineOut(out);
            up.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(packets), UPLOAD_PACK);
          } catch (ServiceMayNotContinueException e) {
            throw new IOException(e.getMessage(), e);
          } finally {
            up.getRevWalk().close();
          }
        };
    return noCache(Response.ok(body, ADVERTISEMENT)).build();
  }

  @POST
  @Path("/" + UPLOAD_PACK)
  @Blocking
  public Response uploadPack(
      @PathParam("repository") String name,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("Content-Encoding") String encoding,
      @HeaderParam("Git-Protocol") String protocol,
      byte[] request) {
    Optional<ServedRepository> found = repositories.named(name);
    if (found.isEmpty()) {
      return text(404, "Repository not found: " + Untrusted.quote(name) + "\n");
    }
    ServedRepository repository = found.get();
    if (contentType == null || !contentType.trim().equalsIgnoreCase(REQUEST)) {
      return text(415, "A fetch request is " + REQUEST + "\n");
    }
    if (repositories.takeFailure(repository.name(), false)) {
      return text(503, "Service temporarily unavailable (a fault scripted by /sim/git/faults)\n");
    }
    if (repositories.slow(repository.name())) {
      try {
        Thread.sleep(config.slowDelay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return text(503, "interrupted\n");
      }
    }
    byte[] body = request == null ? new byte[0] : request;
    boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    StreamingOutput result =
        out -> {
          UploadPack up = uploadPack(repository, protocol);
          try (InputStream in =
              gzip
                  ? new GZIPInputStream(new ByteArrayInputStream(body))
                  : new ByteArrayInputStream(body)) {
            up.uploadWithExceptionPropagation(in, out, null);
          } catch (ServiceMayNotContinueException e) {
            // upload-pack told the client why already (an ERR packet) when it could
            LOG.debugf(
                "simulated Git: upload-pack of %s stopped: %s", repository.name(), e.getMessage());
          } finally {
            up.close();
          }
        };
    return noCache(Response.ok(result, RESULT)).build();
  }

  private UploadPack uploadPack(ServedRepository repository, String protocol) {
    UploadPack up = new UploadPack(repository.repository());
    up.setBiDirectionalPipe(false);
    up.setTimeout(IO_TIMEOUT_SECONDS);
    if (protocol != null && !protocol.isBlank()) {
      List<String> parameters =
          Arrays.stream(protocol.split(":")).map(String::trim).filter(p -> !p.isEmpty()).toList();
      up.setExtraParameters(parameters);
    }
    return up;
  }

  private static Response.ResponseBuilder noCache(Response.ResponseBuilder response) {
    return response
        .header("Expires", "Fri, 01 Jan 1980 00:00:00 GMT")
        .header("Pragma", "no-cache")
        .header("Cache-Control", "no-cache, max-age=0, must-revalidate");
  }

  private static Response text(int status, String message) {
    return noCache(Response.status(status).type("text/plain; charset=utf-8").entity(message))
        .build();
  }
}
