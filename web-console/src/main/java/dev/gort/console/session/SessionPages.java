package dev.gort.console.session;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The way in and the way out: {@code /} leads to the experiments, {@code /signed-out} ends. */
@Path("/")
public class SessionPages {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance signedOut();
  }

  @GET
  public Response home() {
    return Response.seeOther(URI.create("/experiments")).build();
  }

  /** Open without a session: where the issuer sends the browser back after sign-out. */
  @GET
  @Path("signed-out")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance signedOut() {
    return Templates.signedOut();
  }
}
