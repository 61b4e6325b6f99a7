package dev.gort.notifier.notification;

import dev.gort.common.operation.ListFilter;
import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import dev.gort.common.security.Caller;
import dev.gort.common.security.Callers;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import dev.gort.notifier.channel.Destinations;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What was sent (or is still to be sent, or failed) about runs, latest first, paged, filtered by
 * {@code run}, {@code owner} and {@code state} ({@code pending}, {@code sent}, {@code failed}): an
 * owner sees the notifications of its own runs, an operator all. The owner sees every destination
 * whole; an operator sees a webhook's origin only (its URL carries the hook's credential).
 */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

  static final String PATH = "/api/v1/notifications";
  private static final List<String> FILTERS = List.of("run", "owner", "state");
  private static final Sort LATEST_FIRST =
      Sort.by("createdAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending);

  /**
   * One notification. {@code deliveryId} is what every try sends: the email's Message-ID ({@code
   * <deliveryId@gort>}), a webhook's {@code X-Gort-Delivery}.
   */
  public record NotificationView(
      String id,
      String deliveryId,
      String run,
      String owner,
      String outcome,
      String channel,
      String destination,
      String subject,
      String state,
      int tries,
      String lastError,
      Instant createdDateTime,
      Instant sentDateTime) {

    static NotificationView of(Notification n, Caller caller) {
      boolean whole = n.owner != null && n.owner.equals(caller.name());
      return new NotificationView(
          n.id,
          n.id,
          n.runId,
          n.owner,
          n.outcome,
          n.channel,
          whole ? n.recipient : Destinations.forOthers(n.channel, n.recipient),
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
    PageRequest paging = PageRequest.of(uri.getQueryParameters(), FILTERS);
    Map<String, String> given = paging.filters();
    // the caller's scope is the parameter "owner": the owner filter takes another name
    ListFilter filter = ListFilter.ownedBy("owner", caller.ownerScope());
    if (given.containsKey("run")) {
      filter.and("runId", "run", given.get("run"));
    }
    if (given.containsKey("owner")) {
      filter.and("owner", "ownerFilter", given.get("owner"));
    }
    if (given.containsKey("state")) {
      filter.and("state", "state", state(given.get("state")));
    }
    List<NotificationView> fetched =
        Notification.<Notification>find(filter.where(), LATEST_FIRST, filter.parameters())
            .range(paging.skip(), paging.skip() + paging.limit() - 1)
            .list()
            .stream()
            .map(n -> NotificationView.of(n, caller))
            .toList();
    return paging.page(fetched, PATH);
  }

  private static NotificationState state(String given) {
    for (NotificationState state : NotificationState.values()) {
      if (state.name().equalsIgnoreCase(given)) {
        return state;
      }
    }
    throw new ProblemException(
        400,
        "Bad Request",
        "state "
            + Untrusted.quote(given)
            + " is not one of "
            + Arrays.stream(NotificationState.values())
                .map(s -> s.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")),
        Map.of("parameter", "state"));
  }
}
