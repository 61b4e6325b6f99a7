package dev.gort.console.environments;

import dev.gort.console.api.KeyedRequests;
import dev.gort.console.api.Paged;
import dev.gort.console.api.ServiceException;
import dev.gort.console.environments.EnvironmentsApi.EnvironmentRequest;
import dev.gort.console.web.Csrf;
import dev.gort.console.web.Forms;
import dev.gort.console.web.Live;
import dev.gort.console.web.PageInputException;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Environments (seed 004): the user's list with a form to ask for one, and an environment's page —
 * its ten steps live while the provisioner works, the decisions with their source and reason, what
 * was made in the cloud, the SSH command, the private key once, and teardown.
 */
@Path("/environments")
public class EnvironmentsPage {

  static final int PAGE_SIZE = 25;
  static final String LIVE_FRAGMENT = "provisioning";
  static final List<String> STATES =
      List.of(
          "REQUESTED",
          "PROVISIONING",
          "READY",
          "TEARING_DOWN",
          "DELETING",
          "TORN_DOWN",
          "FAILED",
          "CANCELLED");

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        Paged<Environment> page,
        Pager pager,
        String state,
        List<String> states,
        RequestForm form,
        String requestError);

    static native TemplateInstance environment(Environment env, Instant now, String liveSrc);

    static native TemplateInstance environment$provisioning(
        Environment env, Instant now, String liveSrc);
  }

  /**
   * The "request an environment" form: empty, or as it was sent, to show it again with its error.
   * Its {@code requestKey} is the provisioner's {@code Idempotency-Key}: the form sent twice (a
   * double click, a reload) leases one server. A form shown again with an error gets a new key, so
   * the corrected request is a new one.
   */
  public record RequestForm(
      String repositoryUrl, String nodeType, String durationHours, String requestKey) {
    static RequestForm empty() {
      return new RequestForm("", "", "", Forms.newRequestKey());
    }

    RequestForm withNewKey() {
      return new RequestForm(repositoryUrl, nodeType, durationHours, Forms.newRequestKey());
    }
  }

  @Inject Csrf csrf;
  @Inject @RestClient EnvironmentsApi environments;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance list(
      @QueryParam("state") String stateParam, @QueryParam("skip") String skipParam) {
    return list(Forms.optional(stateParam), Forms.skip(skipParam), RequestForm.empty(), null);
  }

  private TemplateInstance list(String state, int skip, RequestForm form, String requestError) {
    if (state != null && !STATES.contains(state)) {
      throw new PageInputException("state must be one of " + String.join(", ", STATES));
    }
    Paged<Environment> page = environments.environments(state, PAGE_SIZE, skip);
    String path =
        state == null
            ? "/environments"
            : "/environments?state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);
    return Templates.list(
        page, Pager.of(path, skip, PAGE_SIZE, page), state, STATES, form, requestError);
  }

  /** Asks the provisioner for an environment for a repository; its page follows the steps. */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response request(
      @FormParam("repositoryUrl") String repositoryUrl,
      @FormParam("nodeType") String nodeType,
      @FormParam("durationHours") String durationHours,
      @FormParam("requestKey") String requestKey,
      @FormParam(Csrf.FIELD) String csrfToken) {
    csrf.require(csrfToken);
    RequestForm form =
        new RequestForm(
            repositoryUrl == null ? "" : repositoryUrl,
            nodeType == null ? "" : nodeType,
            durationHours == null ? "" : durationHours,
            requestKey);
    Environment created;
    try {
      EnvironmentRequest request =
          new EnvironmentRequest(
              Forms.optional(repositoryUrl), Forms.optional(nodeType), hours(durationHours));
      created = KeyedRequests.send(() -> environments.request(Forms.optional(requestKey), request));
    } catch (ServiceException e) {
      if (e.status() != 400 && e.status() != 422) {
        throw e;
      }
      // the provisioner's reason, beside the form that caused it
      String reason =
          KeyedRequests.reused(e)
              ? "this form was sent before, with other values, and that request was made (see"
                  + " the list below); send it again to ask for another environment"
              : e.detail();
      return Response.status(e.status())
          .entity(list(null, 0, form.withNewKey(), reason))
          .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
          .build();
    }
    return Response.seeOther(pageOf(created.id())).build();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.TEXT_HTML)
  public Response environment(
      @PathParam("id") String id, @QueryParam(Live.FRAGMENT) String fragment) {
    Environment env = environments.environment(id);
    String liveSrc = env.working() ? pageOf(env.id()) + "?fragment=" + LIVE_FRAGMENT : null;
    Instant now = Instant.now();
    if (LIVE_FRAGMENT.equals(fragment)) {
      return Live.fragment(
          Templates.environment$provisioning(env, now, liveSrc), Live.DEFAULT_INTERVAL);
    }
    return Response.ok(Templates.environment(env, now, liveSrc)).build();
  }

  /** Tears a ready environment down, or stops its provisioning; what was made is removed. */
  @POST
  @Path("/{id}/teardown")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response tearDown(@PathParam("id") String id, @FormParam(Csrf.FIELD) String csrfToken) {
    csrf.require(csrfToken);
    Environment env = environments.tearDown(id);
    return Response.seeOther(pageOf(env.id())).build();
  }

  /**
   * The private key, once: a POST (a link could be followed by a prefetch or a crawler and use up
   * the one download), answered as a file that is never cached.
   */
  @POST
  @Path("/{id}/private-key")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response privateKey(@PathParam("id") String id, @FormParam(Csrf.FIELD) String csrfToken) {
    csrf.require(csrfToken);
    Environment env = environments.environment(id);
    String key = environments.privateKey(env.id());
    String file = SshCommand.keyFileName(env.keyPair() == null ? null : env.keyPair().name());
    return Response.ok(key, "application/x-pem-file")
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  private static URI pageOf(String id) {
    return URI.create("/environments/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
  }

  private static Integer hours(String value) {
    String given = Forms.optional(value);
    if (given == null) {
      return null;
    }
    try {
      return Integer.valueOf(given);
    } catch (NumberFormatException e) {
      throw new PageInputException("the lease duration must be a whole number of hours");
    }
  }
}
