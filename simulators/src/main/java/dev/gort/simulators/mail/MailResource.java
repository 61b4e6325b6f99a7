package dev.gort.simulators.mail;

import dev.gort.simulators.web.ValueList;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** What the notifier delivered over SMTP. */
@Path("/sim/mail")
@Produces(MediaType.APPLICATION_JSON)
public class MailResource {

  @Inject MailSink sink;

  @GET
  public ValueList<ReceivedMail> list(@QueryParam("to") String to) {
    return new ValueList<>(sink.messages(to == null || to.isBlank() ? null : to.trim()));
  }

  @DELETE
  public void clear() {
    sink.clear();
  }
}
