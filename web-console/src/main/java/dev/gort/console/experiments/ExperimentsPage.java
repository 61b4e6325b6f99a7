package dev.gort.console.experiments;

import dev.gort.console.api.Paged;
import dev.gort.console.experiments.ExperimentList.Experiment;
import dev.gort.console.runners.Runner;
import dev.gort.console.runners.RunnersApi;
import dev.gort.console.web.Csrf;
import dev.gort.console.web.Forms;
import dev.gort.console.web.Pager;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The experiments the user may see: IDLE or RUNNING, the last run and its outcome, the last poll of
 * the source, and "test now".
 */
@Path("/experiments")
public class ExperimentsPage {

  static final int PAGE_SIZE = 25;

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance experiments(
        ExperimentList list,
        Paged<Experiment> page,
        Pager pager,
        List<Runner> runners,
        String requestKey);
  }

  @Inject Csrf csrf;
  @Inject @RestClient ExperimentsApi experiments;
  @Inject @RestClient RunnersApi runners;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance list(@QueryParam("skip") String skipParam) {
    int skip = Forms.skip(skipParam);
    ExperimentList list = experiments.experiments(PAGE_SIZE, skip);
    List<Runner> configured =
        runners.runners(RunnersApi.ALL).value().stream().filter(Runner::configured).toList();
    Paged<Experiment> page = list.page();
    return Templates.experiments(
        list,
        page,
        Pager.of("/experiments", skip, PAGE_SIZE, page),
        configured,
        Forms.newRequestKey());
  }

  /**
   * Where a "test now" lands when its session had ended: the issuer brings the browser back with a
   * GET, which starts nothing; the experiment's page offers the button again.
   */
  @GET
  @Path("/{slug}/test-runs")
  public Response afterSignIn(@PathParam("slug") String slug) {
    return Response.seeOther(URI.create("/experiments")).build();
  }

  /** "Test now": a run of the experiment, on the runner chosen or as its test config says. */
  @POST
  @Path("/{slug}/test-runs")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response testNow(
      @PathParam("slug") String slug,
      @FormParam("runner") String runner,
      @FormParam("requestKey") String requestKey,
      @FormParam(Csrf.FIELD) String csrfToken) {
    csrf.require(csrfToken);
    Response accepted =
        experiments.requestRun(
            slug,
            Forms.optional(requestKey),
            new ExperimentsApi.TestRunRequest(Forms.optional(runner)));
    return Response.seeOther(RunLinks.pageOf(accepted.getLocation())).build();
  }
}
