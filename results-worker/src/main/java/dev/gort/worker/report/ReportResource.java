package dev.gort.worker.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.event.Outcome;
import dev.gort.common.operation.ListFilter;
import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import dev.gort.common.security.Caller;
import dev.gort.common.security.Callers;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import dev.gort.worker.kcidb.KcidbReports;
import dev.gort.worker.report.ReportViews.Detail;
import dev.gort.worker.report.ReportViews.Links;
import dev.gort.worker.report.ReportViews.Suite;
import dev.gort.worker.report.ReportViews.Summary;
import dev.gort.worker.report.ReportViews.TestCase;
import dev.gort.worker.report.ReportViews.TestCaseDetail;
import dev.gort.worker.results.TestStatus;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reports of evaluated runs (seed 003's report filters), latest first, paged: an owner reaches the
 * reports of its own runs only (another owner's report answers 404), an operator all. A report's
 * test cases are a list of their own, filtered by status and suite.
 */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

  static final String PATH = "/api/v1/reports";
  private static final List<String> FILTERS =
      List.of("experiment", "pipeline", "run", "stage", "job", "status");
  private static final Map<String, String> FIELDS =
      Map.of(
          "run", "runId",
          "experiment", "experiment",
          "pipeline", "pipeline",
          "stage", "stage",
          "job", "job");
  private static final List<String> TEST_FILTERS = List.of("status", "suite");
  private static final Sort LATEST_FIRST =
      Sort.by("createdAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending);

  @Inject ObjectMapper json;
  @Inject Callers callers;
  @Inject ReportQueries queries;
  @Inject KcidbReports kcidb;

  @GET
  @Transactional
  public Page<Summary> list(@Context UriInfo uri) {
    Caller caller = callers.current();
    PageRequest paging = PageRequest.of(uri.getQueryParameters(), FILTERS);
    Map<String, String> plain = new HashMap<>(paging.filters());
    String status = plain.remove("status");
    ListFilter filter = ListFilter.ownedBy("owner", caller.ownerScope()).and(plain, FIELDS);
    if (status != null) {
      filter.and("outcome", "status", outcome(status));
    }
    List<Summary> fetched =
        Report.<Report>find(filter.where(), LATEST_FIRST, filter.parameters())
            .range(paging.skip(), paging.skip() + paging.limit() - 1)
            .list()
            .stream()
            .map(ReportViews::summary)
            .toList();
    return paging.page(fetched, PATH);
  }

  @GET
  @Path("/{id}")
  @Transactional
  public Detail get(@PathParam("id") String id) {
    Report r = visible(id);
    List<Suite> suites = queries.suites(r.id, ReportQueries.SUITES_SHOWN + 1);
    boolean more = suites.size() > ReportQueries.SUITES_SHOWN;
    return new Detail(
        ReportViews.summary(r),
        problems(r.problemsJson),
        tree(r.buildsJson),
        tree(r.failuresJson),
        more ? suites.subList(0, ReportQueries.SUITES_SHOWN) : suites,
        more,
        new Links(PATH + "/" + r.id + "/tests", PATH + "/" + r.id + "/kcidb", r.resultsUrl));
  }

  /** {@code ?status=failed,error&suite=…}: the report's test cases in document order, paged. */
  @GET
  @Path("/{id}/tests")
  @Transactional
  public Page<TestCase> tests(@PathParam("id") String id, @Context UriInfo uri) {
    Report r = visible(id);
    PageRequest paging = PageRequest.of(uri.getQueryParameters(), TEST_FILTERS);
    Set<TestStatus> statuses = statuses(paging.filters().get("status"));
    List<TestCase> fetched =
        queries.cases(r.id, statuses, paging.filters().get("suite"), paging.skip(), paging.limit());
    return paging.page(fetched, PATH + "/" + r.id + "/tests");
  }

  @GET
  @Path("/{id}/tests/{seq}")
  @Transactional
  public TestCaseDetail test(@PathParam("id") String id, @PathParam("seq") String seq) {
    Report r = visible(id);
    int number;
    try {
      number = Integer.parseInt(seq);
    } catch (NumberFormatException e) {
      throw ProblemException.notFound("no test case " + Untrusted.quote(seq) + " in report " + id);
    }
    return queries
        .testCase(r.id, number)
        .orElseThrow(
            () -> ProblemException.notFound("no test case " + number + " in report " + r.id));
  }

  /** The report as KCIDB I/O v5.3 JSON (checkouts, builds, tests). */
  @GET
  @Path("/{id}/kcidb")
  @Transactional
  public byte[] kcidb(@PathParam("id") String id) {
    return kcidb.export(visible(id));
  }

  /** The report, when the caller may see it; 404 otherwise (another owner's report included). */
  Report visible(String id) {
    Caller caller = callers.current();
    return Report.<Report>findByIdOptional(id)
        .filter(r -> caller.mayActFor(r.owner))
        .orElseThrow(() -> ProblemException.notFound("no report with id " + Untrusted.quote(id)));
  }

  private static Outcome outcome(String raw) {
    try {
      return Outcome.valueOf(raw.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(
          "status "
              + Untrusted.quote(raw)
              + " is not an outcome; expected one of "
              + Arrays.stream(Outcome.values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
  }

  private static Set<TestStatus> statuses(String raw) {
    Set<TestStatus> statuses = EnumSet.noneOf(TestStatus.class);
    if (raw == null) {
      return statuses;
    }
    for (String word : raw.split(",", -1)) {
      try {
        statuses.add(TestStatus.valueOf(word.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest(
            "status "
                + Untrusted.quote(word)
                + " is not a test status; expected one or more (comma-separated) of "
                + Arrays.stream(TestStatus.values())
                    .map(s -> s.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
      }
    }
    return statuses;
  }

  private List<String> problems(String problemsJson) {
    JsonNode tree = tree(problemsJson);
    List<String> problems = new ArrayList<>();
    if (tree != null) {
      tree.forEach(p -> problems.add(p.asText()));
    }
    return problems;
  }

  private JsonNode tree(String stored) {
    try {
      return stored == null ? json.createArrayNode() : json.readTree(stored);
    } catch (IOException e) {
      throw new IllegalStateException("a stored report does not read back", e);
    }
  }
}
