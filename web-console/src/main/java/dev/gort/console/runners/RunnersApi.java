package dev.gort.console.runners;

import dev.gort.console.api.Paged;
import dev.gort.console.api.ServiceErrors;
import dev.gort.console.api.UserToken;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The gateway's runners. */
@RegisterRestClient(configKey = "gateway")
@RegisterProvider(UserToken.class)
@RegisterProvider(ServiceErrors.class)
@Path("/api/v1/runners")
public interface RunnersApi {

  /** There are a handful of runners: one page of this size holds them all. */
  int ALL = 100;

  @GET
  Paged<Runner> runners(@QueryParam("$top") int top);
}
