package dev.gort.console.admin;

import dev.gort.console.api.Paged;
import dev.gort.console.api.ServiceException;
import dev.gort.console.runners.Runner;
import dev.gort.console.runners.RunnersApi;
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
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * For admins: the runners and whether they are configured, and every service's dead letters with a
 * replay. Who is an admin is the services' call (they get the user's token): an answer of 403 from
 * any of them makes the whole page "Not allowed"; a service that does not answer is a message in
 * its own section.
 */
@Path("/admin")
public class AdminPage {

  static final int PAGE_SIZE = 25;

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance admin(
        List<Runner> runners, String runnersError, List<DeadLetterSection> sections);
  }

  @Inject Csrf csrf;
  @Inject @RestClient RunnersApi runners;
  @Inject DeadLetterClients deadLetters;

  /** {@code ?service=&skip=} pages through one service's dead letters; the others show page one. */
  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance admin(
      @QueryParam("service") String service,
      @QueryParam("skip") String skipParam,
      @QueryParam("replayed") String replayed) {
    int skip = Forms.skip(skipParam);
    return page(
        s -> s.code().equals(service) ? skip : 0,
        s -> s.code().equals(replayed) ? "The dead letter was published again on its topic." : null,
        s -> null);
  }

  /** Publishes a dead letter again on the topic it came from, once its cause is fixed. */
  @POST
  @Path("/dead-letters/{service}/{id}/replay")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response replay(
      @PathParam("service") String serviceCode,
      @PathParam("id") String id,
      @FormParam(Csrf.FIELD) String csrfToken) {
    csrf.require(csrfToken);
    Optional<DeadLetterService> found = DeadLetterService.of(serviceCode);
    if (found.isEmpty()) {
      return ErrorPage.notFound();
    }
    DeadLetterService service = found.get();
    try {
      deadLetters.of(service).replay(id + DeadLettersApi.REPLAY);
    } catch (ServiceException e) {
      if (isRefusal(e)) {
        throw e;
      }
      // a letter that can never be processed (409), or gone: said beside it
      return Response.status(e.status())
          .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
          .entity(page(s -> 0, s -> null, s -> s == service ? e.detail() : null).render())
          .build();
    }
    return Response.seeOther(
            URI.create("/admin?replayed=" + service.code() + "#dead-letters-" + service.code()))
        .build();
  }

  private TemplateInstance page(
      Function<DeadLetterService, Integer> skips,
      Function<DeadLetterService, String> notices,
      Function<DeadLetterService, String> replayErrors) {
    List<DeadLetterSection> sections =
        Arrays.stream(DeadLetterService.values())
            .map(s -> section(s, skips.apply(s), notices.apply(s), replayErrors.apply(s)))
            .toList();
    List<Runner> runnerList = List.of();
    String runnersError = null;
    try {
      runnerList = runners.runners(RunnersApi.ALL).value();
    } catch (ServiceException | ProcessingException e) {
      runnersError = unanswered("The runner gateway", e);
    }
    return Templates.admin(runnerList, runnersError, sections);
  }

  private DeadLetterSection section(
      DeadLetterService service, int skip, String notice, String replayError) {
    Paged<DeadLetter> page = new Paged<>(List.of(), null);
    String error = null;
    try {
      page = deadLetters.of(service).deadLetters(PAGE_SIZE, skip);
    } catch (ServiceException | ProcessingException e) {
      error = unanswered(service.title(), e);
    }
    Pager pager = Pager.of("/admin?service=" + service.code(), skip, PAGE_SIZE, page);
    return new DeadLetterSection(service, page, pager, error, notice, replayError);
  }

  /** The message for a service that could not answer; a refusal is the whole page's answer. */
  private static String unanswered(String service, RuntimeException e) {
    if (e instanceof ServiceException refused) {
      if (isRefusal(refused)) {
        throw refused;
      }
      return service + " answered " + refused.status() + ": " + refused.detail();
    }
    return service + " did not answer. Try again in a moment.";
  }

  private static boolean isRefusal(ServiceException e) {
    return e.status() == 401 || e.status() == 403;
  }
}
