package dev.gort.scheduler.runner;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The runner gateway's runner API; base URL {@code quarkus.rest-client.runner-gateway.url} ({@code
 * gort.scheduler.gateway-url}). Every call carries the caller's own bearer token: the gateway
 * decides who may call it as every Gort service does.
 */
@RegisterRestClient(configKey = "runner-gateway")
@Path("/api/v1/runners")
@Produces(MediaType.APPLICATION_JSON)
public interface RunnerGatewayClient {

  /** One page of the gateway's runners. */
  @GET
  RunnerPage runners(
      @HeaderParam("Authorization") String authorization, @QueryParam("$top") int top);

  /** The settings a run of {@code check.kind} on runner {@code code} would be dispatched with. */
  @POST
  @Path("/{code}/settings-check")
  @Consumes(MediaType.APPLICATION_JSON)
  CheckedSettings check(
      @HeaderParam("Authorization") String authorization,
      @PathParam("code") String code,
      SettingsCheck check);

  /** A page of {@code GET /api/v1/runners}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record RunnerPage(List<RunnerInfo> value, String nextLink) {}

  /** A runner as the gateway lists it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record RunnerInfo(
      String code, List<String> kinds, boolean configured, String unconfiguredReason) {}

  /** The body of a settings check. */
  record SettingsCheck(String kind, Map<String, Object> settings) {}

  /** The gateway's answer to a settings check. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record CheckedSettings(String runner, String kind, Map<String, Object> settings) {}

  /**
   * An error answer, with the problem's detail (what the gateway says is wrong, naming the setting)
   * read while the response is still open.
   */
  @ClientExceptionMapper
  static GatewayAnswered toException(Response response) {
    String detail = null;
    try {
      if (response.hasEntity()) {
        Map<?, ?> problem = response.readEntity(Map.class);
        Object d = problem == null ? null : problem.get("detail");
        detail = d == null ? null : d.toString();
      }
    } catch (RuntimeException e) {
      // not a problem document: the status says enough
    }
    return new GatewayAnswered(response.getStatus(), detail);
  }

  /** The gateway answered a call with an error status. */
  class GatewayAnswered extends RuntimeException {
    private final int status;
    private final String detail;

    public GatewayAnswered(int status, String detail) {
      super("the runner gateway answered HTTP " + status);
      this.status = status;
      this.detail = detail;
    }

    public int status() {
      return status;
    }

    /** The problem's detail, null when the answer had none. */
    public String detail() {
      return detail;
    }
  }
}
