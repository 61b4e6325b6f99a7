package dev.gort.simulators.webhooks;

import dev.gort.common.operation.Page;
import dev.gort.simulators.web.InMemoryPages;
import dev.gort.simulators.web.Rfc3339;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A webhook receiver that accepts anything and shows what it got. */
@Path("/sim/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

  @Inject WebhookSink sink;
  @Inject Clock clock;

  @POST
  @Path("/{name}")
  public void receive(@PathParam("name") String name, @Context HttpHeaders headers, byte[] body) {
    Map<String, String> flat = new TreeMap<>();
    headers
        .getRequestHeaders()
        .forEach(
            (header, values) ->
                flat.merge(
                    header.toLowerCase(Locale.ROOT),
                    String.join(", ", values),
                    (a, b) -> a + ", " + b));
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    sink.record(new WebhookDelivery(name, flat, text, Rfc3339.format(clock.instant())));
  }

  @GET
  public Page<WebhookDelivery> list(@Context UriInfo uri) {
    return InMemoryPages.page(
        uri,
        List.of("name"),
        f -> {
          String name = f.get("name");
          return sink.deliveries(name == null || name.isBlank() ? null : name);
        });
  }

  @DELETE
  public void clear() {
    sink.clear();
  }
}
