package dev.gort.scheduler.operation;

import dev.gort.common.operation.Filter;
import dev.gort.common.operation.OperationView;
import dev.gort.common.operation.OrderBy;
import dev.gort.common.operation.Page;
import dev.gort.common.operation.Paging;
import dev.gort.common.operation.QueryOptionException;
import dev.gort.common.security.Caller;
import dev.gort.common.security.Callers;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import dev.gort.scheduler.config.SchedulerConfig;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The operations resource (seed 001): every test run is followed through its operation. */
@Path("/api/v1/operations")
@Produces(MediaType.APPLICATION_JSON)
public class OperationResource {

  static final String FILTER = "$filter";
  static final String ORDER_BY = OrderBy.OPTION;
  private static final Set<String> OPTIONS = Set.of(FILTER, ORDER_BY, Paging.TOP, Paging.SKIP);

  @Inject Instance<OperationKind> kinds;
  @Inject OperationQuery operations;
  @Inject SchedulerConfig config;
  @Inject Callers callers;

  /**
   * seed 001, "Operations resource": the operations, {@code $filter}ed, {@code $orderby}ed (by
   * default not started, running, completed, each by creation time) and paged with {@code $top} and
   * {@code $skip}; {@code nextLink} gives the next page.
   */
  @GET
  public Page<OperationView> list(@Context UriInfo uri) {
    Caller caller = callers.current();
    MultivaluedMap<String, String> query = uri.getQueryParameters();
    ListOptions options =
        ListOptions.of(
            query,
            option(query, FILTER),
            option(query, ORDER_BY),
            option(query, Paging.TOP),
            option(query, Paging.SKIP));
    List<OperationView> fetched =
        operations.list(
            caller.ownerScope().orElse(null),
            options.where(),
            options.order(),
            options.skip(),
            options.top() + 1);
    return Page.of(
        fetched,
        options.top(),
        () -> {
          Map<String, Object> next = new LinkedHashMap<>();
          next.put(FILTER, options.filter());
          next.put(ORDER_BY, options.orderBy());
          next.put(Paging.TOP, options.top());
          next.put(Paging.SKIP, (long) options.skip() + options.top());
          return Paging.link(uri.getRequestUri().getRawPath(), next);
        });
  }

  /** The list's query options, as given and as parsed. */
  private record ListOptions(
      String filter,
      String orderBy,
      Filter.Expr where,
      List<OrderBy.Key> order,
      int top,
      int skip) {

    static ListOptions of(
        MultivaluedMap<String, String> query,
        String filter,
        String orderBy,
        String top,
        String skip) {
      try {
        Paging.checkParameters(query, OPTIONS, List.of());
        int pageSize = Paging.top(top);
        int offset = Paging.skip(skip);
        Filter.Expr where = filter == null ? null : Filter.parse(filter, OperationQuery.FIELDS);
        List<OrderBy.Key> order =
            orderBy == null ? List.of() : OrderBy.parse(orderBy, OperationQuery.SORTABLE);
        return new ListOptions(filter, orderBy, where, order, pageSize, offset);
      } catch (QueryOptionException e) {
        throw e.toProblem();
      }
    }
  }

  /**
   * The option's value; an option given without one ({@code ?$top} or {@code ?$top=}) reads as
   * {@code ""}, which is refused, not taken as absent.
   */
  private static String option(MultivaluedMap<String, String> query, String name) {
    if (!query.containsKey(name)) {
      return null;
    }
    String value = query.getFirst(name);
    return value == null ? "" : value;
  }

  @GET
  @Path("/{id}")
  public Response get(@PathParam("id") String id) {
    OperationView operation = find(id, callers.current()).operation();
    Response.ResponseBuilder answer = Response.ok(operation);
    if (!OperationStatus.isFinal(operation)) {
      answer.header("Retry-After", Math.max(1, config.operationRetryAfter().toSeconds()));
    }
    return answer.build();
  }

  /**
   * Cancels the operation (seed 001: DELETE on an operation, idempotent). The first DELETE and
   * every repeat answer 202 with the cancelled operation; an operation that already finished
   * otherwise is a 409 and stays as it is; one whose kind cannot be cancelled is a 405.
   */
  @DELETE
  @Path("/{id}")
  public Response cancel(@PathParam("id") String id) {
    Caller caller = callers.current();
    Found found = find(id, caller);
    if (!found.kind().cancellable()) {
      throw ProblemException.methodNotAllowed(
          "operations of kind '" + found.kind().name() + "' cannot be cancelled",
          Map.of("kind", found.kind().name()),
          "GET");
    }
    OperationKind.Cancelled cancelled =
        found.kind().cancel(id, caller).orElseThrow(() -> notFound(id));
    OperationView operation = cancelled.operation();
    if (cancelled.alreadyFinished()) {
      throw ProblemException.conflict(
          "operation "
              + Untrusted.quote(id)
              + " already finished ("
              + operation.status()
              + "); there is nothing to cancel",
          Map.of("operationStatus", operation.status()));
    }
    return Response.accepted(operation)
        .header("Operation-Location", "/api/v1/operations/" + id)
        .build();
  }

  private record Found(OperationKind kind, OperationView operation) {}

  private Found find(String id, Caller caller) {
    for (OperationKind kind : kinds) {
      Optional<OperationView> operation = kind.find(id, caller);
      if (operation.isPresent()) {
        return new Found(kind, operation.get());
      }
    }
    throw notFound(id);
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound("no operation with id " + Untrusted.quote(id));
  }
}
