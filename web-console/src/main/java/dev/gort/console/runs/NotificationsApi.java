package dev.gort.console.runs;

import dev.gort.console.api.Paged;
import dev.gort.console.api.ServiceErrors;
import dev.gort.console.api.UserToken;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The notifier's notifications of runs. */
@RegisterRestClient(configKey = "notifier")
@RegisterProvider(UserToken.class)
@RegisterProvider(ServiceErrors.class)
@Path("/api/v1/notifications")
public interface NotificationsApi {

  /** A run has a handful of notifications (one per channel, a resend): one page holds them. */
  int ALL = 100;

  @GET
  Paged<Notification> ofRun(@QueryParam("run") String runId, @QueryParam("$top") int top);
}
