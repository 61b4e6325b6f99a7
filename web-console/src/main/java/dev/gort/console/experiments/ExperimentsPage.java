package dev.gort.console.experiments;

import dev.gort.console.api.KeyedRequests;
import dev.gort.console.api.Paged;
import dev.gort.console.api.ServiceException;
import dev.gort.console.experiments.ExperimentList.Experiment;
import dev.gort.console.reports.ReportSummary;
import dev.gort.console.reports.ReportsApi;
import dev.gort.console.reports.TestCase;
import dev.gort.console.runners.Runner;
import dev.gort.console.runners.RunnersApi;
import dev.gort.console.runs.Run;
import dev.gort.console.runs.RunsApi;
import dev.gort.console.web.Csrf;
import dev.gort.console.web.ErrorPage;
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
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    static native TemplateInstance experiment(
        ExperimentOverview overview,
        ExperimentTestConfig config,
        String configError,
        Pager pager,
        List<Runner> runners,
        String requestKey);
  }

  @Inject Csrf csrf;
  @Inject @RestClient ExperimentsApi experiments;
  @Inject @RestClient RunnersApi runners;
  @Inject @RestClient RunsApi runs;
  @Inject @RestClient ReportsApi reports;

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

  /**
   * One experiment: its test configuration, its runs by revision (paged), the trend of its latest
   * outcomes, its flaky tests and "test now". An experiment that is not the user's is not found.
   */
  @GET
  @Path("/{slug}")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance experiment(
      @PathParam("slug") String slug, @QueryParam("skip") String skipParam) {
    int skip = Forms.skip(skipParam);
    ExperimentTestConfig config = null;
    String configError = null;
    try {
      config = experiments.testConfig(slug);
    } catch (ServiceException e) {
      if (e.isNotFound() || e.status() == 400 || e.status() == 401 || e.status() == 403) {
        throw e;
      }
      configError = "The scheduler could not show the test configuration: " + e.detail();
    }
    Paged<Run> page = new Paged<>(List.of(), null);
    String runsError = null;
    List<Run> latest = List.of();
    try {
      page = runs.runsOf(slug, PAGE_SIZE, skip);
      latest = skip == 0 ? page.value() : runs.runsOf(slug, OutcomeTrend.SIZE, 0).value();
    } catch (ServiceException e) {
      runsError = "The scheduler could not list the runs: " + e.detail();
    }
    List<OutcomeTrend.Point> trend = OutcomeTrend.of(latest, OutcomeTrend.SIZE);
    List<FlakyTests.FlakyTest> flaky = List.of();
    int reportsRead = 0;
    String flakyError = null;
    try {
      List<FlakyTests.ReportTests> read = recentReportTests(slug, latest);
      reportsRead = read.size();
      flaky = FlakyTests.of(read);
    } catch (ServiceException e) {
      flakyError = "The results worker could not show the reports of the runs: " + e.detail();
    }
    String owner = latest.stream().map(Run::owner).filter(o -> o != null).findFirst().orElse(null);
    ExperimentOverview overview =
        new ExperimentOverview(
            slug,
            owner,
            RevisionGroups.of(page.value()),
            runsError,
            trend,
            OutcomeTrend.passed(trend),
            flaky,
            reportsRead,
            flakyError);
    List<Runner> configured =
        runners.runners(RunnersApi.ALL).value().stream().filter(Runner::configured).toList();
    return Templates.experiment(
        overview,
        config,
        configError,
        Pager.of(
            UriBuilder.fromPath("/experiments/{slug}").build(slug).toString(),
            skip,
            PAGE_SIZE,
            page),
        configured,
        Forms.newRequestKey());
  }

  /**
   * The test cases of the experiment's latest reports (of test runs, not pipeline jobs), each with
   * the revision its run tested: from the runs at hand, or asked for when older.
   */
  private List<FlakyTests.ReportTests> recentReportTests(String slug, List<Run> latest) {
    Map<String, String> revisions = new HashMap<>();
    latest.forEach(r -> revisions.put(r.id(), r.revision()));
    List<FlakyTests.ReportTests> read = new ArrayList<>();
    for (ReportSummary report : reports.ofExperiment(slug, FlakyTests.REPORTS_READ).value()) {
      if (!report.ofTestRun() || report.run() == null) {
        continue;
      }
      String revision = revisions.computeIfAbsent(report.run(), this::revisionOf);
      List<TestCase> tests = reports.tests(report.id(), null, ReportsApi.MAX_TOP, 0).value();
      read.add(new FlakyTests.ReportTests(report, revision, tests));
    }
    return read;
  }

  private String revisionOf(String runId) {
    try {
      return runs.run(runId).revision();
    } catch (ServiceException e) {
      return null;
    }
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
    ExperimentsApi.TestRunRequest request =
        new ExperimentsApi.TestRunRequest(Forms.optional(runner));
    Response accepted;
    try {
      accepted =
          KeyedRequests.send(
              () -> experiments.requestRun(slug, Forms.optional(requestKey), request));
    } catch (ServiceException e) {
      if (!KeyedRequests.reused(e)) {
        throw e;
      }
      // the same rendered button sent again with another runner (the page kept in the history)
      return ErrorPage.response(
          422,
          "Already sent",
          "This \"Test now\" was sent before with another runner, and that run was"
              + " started: it is on the experiment's page. Open the page again to start"
              + " another run.");
    }
    return Response.seeOther(RunLinks.pageOf(accepted.getLocation())).build();
  }
}
