package dev.gort.notifier.notification;

import dev.gort.common.operation.ListFilter;
import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import dev.gort.common.security.Caller;
import dev.gort.common.security.Callers;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What was sent (or is still to be sent) about runs, latest first, paged: an owner sees the
 * notifications of its own runs, an operator all.
 */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

  static final String PATH = "/api/v1/notifications";
  private static final Map<String, String> FIELDS = Map.of("run", "runId");
  private static final Sort LATEST_FIRST =
      Sort.by("createdAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending);

  public record NotificationView(
      String id,
      String run,
      String owner,
      String outcome,
      String channel,
      String recipient,
      String subject,
      String state,
      int tries,
      String lastError,
      Instant createdDateTime,
      Instant sentDateTime) {

    static NotificationView of(Notification n) {
      return new NotificationView(
          n.id,
          n.runId,
          n.owner,
          n.outcome,
          n.channel,
          n.recipient,
          n.subject,
          n.state.name(),
          n.tries,
          n.lastError,
          n.createdAt,
          n.sentAt);
    }
  }

  @Inject Callers callers;

  @GET
  @Transactional
  public Page<NotificationView> list(@Context UriInfo uri) {
    Caller caller = callers.current();
    PageRequest paging = PageRequest.of(uri.getQueryParameters(), List.copyOf(FIELDS.keySet()));
    ListFilter filter =
        ListFilter.ownedBy("owner", caller.ownerScope()).and(paging.filters(), FIELDS);
    List<NotificationView> fetched =
        Notification.<Notification>find(filter.where(), LATEST_FIRST, filter.parameters())
            .range(paging.skip(), paging.skip() + paging.limit() - 1)
            .list()
            .stream()
            .map(NotificationView::of)
            .toList();
    return paging.page(fetched, PATH);
  }
}
