package dev.gort.console.runs;

import dev.gort.console.api.Paged;
import dev.gort.console.api.ServiceException;
import dev.gort.console.operations.Operation;
import dev.gort.console.reports.ReportSummary;
import dev.gort.console.reports.ReportsApi;
import dev.gort.console.reports.TestCase;
import dev.gort.console.web.Csrf;
import dev.gort.console.web.Live;
import dev.gort.console.web.PageInputException;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A test run: its state timeline with every retry and its reason, its attempts with their jobs at
 * the runner, who asked for it and who cancelled it, its operation, its report and failing tests,
 * the notifications sent, and a cancel button. While it is unfinished the status area is live.
 */
@Path("/runs")
public class RunPage {

  static final String STATUS_FRAGMENT = "status";
  static final int FAILING_SHOWN = 25;
  static final String FAILING = "failed,error,missed";
  static final String JOB_LINKS = "gort.console.job-links.";

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance run(
        Run run, RunStatus status, List<Notification> notifications, String notificationsError);

    static native TemplateInstance run$status(RunStatus status);
  }

  @Inject Csrf csrf;
  @Inject Config config;
  @Inject @RestClient RunsApi runs;
  @Inject @RestClient ReportsApi reports;
  @Inject @RestClient NotificationsApi notifications;

  @GET
  @Path("/{id}")
  @Produces(MediaType.TEXT_HTML)
  public Response page(@PathParam("id") String id, @QueryParam(Live.FRAGMENT) String fragment) {
    if (fragment != null && !STATUS_FRAGMENT.equals(fragment)) {
      throw new PageInputException("there is no fragment " + fragment + " of a run's page");
    }
    Run run = runs.run(id);
    RunStatus status = status(run);
    if (fragment != null) {
      return Live.fragment(
          Templates.run$status(status), Duration.ofSeconds(status.liveAfterSeconds()));
    }
    List<Notification> sent = List.of();
    String notificationsError = null;
    try {
      sent = notifications.ofRun(run.id(), NotificationsApi.ALL).value();
    } catch (ServiceException e) {
      notificationsError = "The notifier could not list the run's notifications: " + e.detail();
    }
    return Response.ok(Templates.run(run, status, sent, notificationsError).render())
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .build();
  }

  /** Cancels the run through its operation; one that finished meanwhile shows how it finished. */
  @POST
  @Path("/{id}/cancel")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response cancel(@PathParam("id") String id, @FormParam(Csrf.FIELD) String csrfToken) {
    csrf.require(csrfToken);
    Run run = runs.run(id);
    try {
      runs.cancel(run.operationId()).close();
    } catch (ServiceException e) {
      if (e.status() != 409) {
        throw e;
      }
    }
    return Response.seeOther(pathOf(run.id())).build();
  }

  private RunStatus status(Run run) {
    Operation operation = null;
    String operationError = null;
    Duration retryAfter = Live.DEFAULT_INTERVAL;
    try (Response answer = runs.operation(run.operationId())) {
      operation = answer.readEntity(Operation.class);
      retryAfter = retryAfter(answer.getHeaderString("Retry-After")).orElse(retryAfter);
    } catch (ServiceException e) {
      operationError = "The scheduler could not show the run's operation: " + e.detail();
    }
    ReportSummary report = null;
    List<TestCase> failing = List.of();
    boolean moreFailing = false;
    String reportError = null;
    if (run.finished()) {
      try {
        report = reports.ofRun(run.id(), 1).value().stream().findFirst().orElse(null);
        if (report != null) {
          Paged<TestCase> page = reports.tests(report.id(), FAILING, FAILING_SHOWN, 0);
          failing = page.value();
          moreFailing = page.hasNext();
        }
      } catch (ServiceException e) {
        reportError = "The results worker could not show the run's report: " + e.detail();
      }
    }
    JobLinks links =
        new JobLinks(runner -> config.getOptionalValue(JOB_LINKS + runner, String.class));
    return new RunStatus(
        run,
        operation,
        operationError,
        Attempts.of(run, links),
        report,
        failing,
        moreFailing,
        reportError,
        run.finished() ? null : pathOf(run.id()) + "?" + Live.FRAGMENT + "=" + STATUS_FRAGMENT,
        Math.max(1, retryAfter.toSeconds()));
  }

  /** {@code Retry-After} in seconds; an HTTP date or nonsense is no answer. */
  static Optional<Duration> retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds > 0
          ? Optional.of(Duration.ofSeconds(Math.min(seconds, 60)))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static URI pathOf(String runId) {
    return UriBuilder.fromPath("/runs/{id}").build(runId);
  }
}
