package dev.gort.notifier.notification;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What was sent (or is still to be sent) about runs. */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

  public record NotificationView(
      String id,
      String run,
      String outcome,
      String channel,
      String recipient,
      String subject,
      String state,
      int tries,
      String lastError,
      Instant createdDateTime,
      Instant sentDateTime) {}

  @GET
  @Transactional
  public Map<String, List<NotificationView>> list(@QueryParam("run") String run) {
    List<Notification> found =
        run == null
            ? Notification.<Notification>listAll()
            : Notification.<Notification>list("runId", run);
    return Map.of(
        "value",
        found.stream()
            .map(
                n ->
                    new NotificationView(
                        n.id,
                        n.runId,
                        n.outcome,
                        n.channel,
                        n.recipient,
                        n.subject,
                        n.state.name(),
                        n.tries,
                        n.lastError,
                        n.createdAt,
                        n.sentAt))
            .toList());
  }
}
