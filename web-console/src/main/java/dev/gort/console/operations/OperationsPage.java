package dev.gort.console.operations;

import dev.gort.console.api.Paged;
import dev.gort.console.api.ServiceException;
import dev.gort.console.web.Forms;
import dev.gort.console.web.Pager;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The operations the user may see, {@code $filter}ed (seed 001's grammar), sorted and paged. A
 * filter the scheduler refuses is shown with its message and the place it goes wrong, the form
 * still filled in, answered 400.
 */
@Path("/operations")
public class OperationsPage {

  static final int PAGE_SIZE = 25;
  private static final String FILTER_OPTION = "$filter";

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance operations(
        String filter,
        OperationOrder order,
        List<OperationOrder> orders,
        Paged<Operation> page,
        Pager pager,
        FilterProblem problem);
  }

  /**
   * Why the scheduler refused the list: its message and, for a {@code $filter} with a position, the
   * marker.
   */
  public record FilterProblem(String message, FilterMarker marker) {}

  @Inject @RestClient OperationsApi operations;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response list(
      @QueryParam("filter") String filterParam,
      @QueryParam("orderBy") String orderByParam,
      @QueryParam("skip") String skipParam) {
    int skip = Forms.skip(skipParam);
    String filter = Forms.optional(filterParam);
    OperationOrder order = OperationOrder.of(orderByParam);
    String path = new OperationsQuery(filter, order.value()).path();
    try {
      Paged<Operation> page = operations.operations(filter, order.orderBy(), PAGE_SIZE, skip);
      return Response.ok(
              Templates.operations(
                  filter,
                  order,
                  OperationOrder.CHOICES,
                  page,
                  Pager.of(path, skip, PAGE_SIZE, page),
                  null))
          .build();
    } catch (ServiceException e) {
      if (e.status() != 400) {
        throw e;
      }
      Paged<Operation> none = new Paged<>(List.of(), null);
      return Response.status(400)
          .entity(
              Templates.operations(
                  filter,
                  order,
                  OperationOrder.CHOICES,
                  none,
                  Pager.of(path, 0, PAGE_SIZE, none),
                  problem(e, filter)))
          .build();
    }
  }

  static FilterProblem problem(ServiceException e, String filter) {
    Object position = e.extensions().get("position");
    boolean aboutFilter = FILTER_OPTION.equals(e.extensions().get("parameter"));
    FilterMarker marker =
        aboutFilter && filter != null && position instanceof Number n
            ? FilterMarker.of(filter, n.intValue())
            : null;
    return new FilterProblem(e.detail(), marker);
  }
}
