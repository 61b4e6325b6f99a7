package dev.gort.simulators.mail;

import dev.gort.common.operation.Page;
import dev.gort.simulators.web.InMemoryPages;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** What the notifier delivered over SMTP. */
@Path("/sim/mail")
@Produces(MediaType.APPLICATION_JSON)
public class MailResource {

  @Inject MailSink sink;

  @GET
  public Page<ReceivedMail> list(@Context UriInfo uri) {
    return InMemoryPages.page(
        uri,
        List.of("to"),
        f -> {
          String to = f.get("to");
          return sink.messages(to == null || to.isBlank() ? null : to.trim());
        });
  }

  @DELETE
  public void clear() {
    sink.clear();
  }
}
