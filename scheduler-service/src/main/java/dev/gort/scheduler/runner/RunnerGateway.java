package dev.gort.scheduler.runner;

import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import dev.gort.scheduler.runner.RunnerGatewayClient.CheckedSettings;
import dev.gort.scheduler.runner.RunnerGatewayClient.GatewayAnswered;
import dev.gort.scheduler.runner.RunnerGatewayClient.RunnerInfo;
import dev.gort.scheduler.runner.RunnerGatewayClient.RunnerPage;
import dev.gort.scheduler.runner.RunnerGatewayClient.SettingsCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The one way into the runner gateway: which runners there are and what each takes, asked with the
 * caller's own bearer token. Short timeouts and a circuit breaker, because a request waits for the
 * answer; errors become answers the API can give (the 400s name the choices, the gateway's own
 * detail names the setting). Callers go through {@link RunnerChecks}, which turns a timeout or an
 * open circuit into {@link GatewayUnavailable}.
 */
@ApplicationScoped
public class RunnerGateway {

  private static final Logger LOG = Logger.getLogger(RunnerGateway.class);

  /** More runners than Gort will ever have, so one page lists them all. */
  private static final int ALL = 1000;

  /** The gateway's details name the setting and what it expects; they are passed on, bounded. */
  private static final int DETAIL_LENGTH = 500;

  @Inject @RestClient RunnerGatewayClient client;

  /**
   * The settings a run of {@code kind} on {@code runner} is dispatched with: the runner's defaults
   * with {@code settings} over them, every value checked by the runner.
   *
   * @param authorization the caller's {@code Authorization} header, forwarded
   * @throws UnknownRunner, RunnerUnconfigured, KindNotOffered, InvalidSettings (400s)
   * @throws GatewayUnavailable when the gateway cannot be asked
   */
  @Timeout(value = 4, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(
      requestVolumeThreshold = 10,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS,
      failOn = {
        GatewayUnavailable.class,
        org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class
      })
  public CheckedSettings check(
      String authorization, String runner, String kind, Map<String, Object> settings) {
    List<RunnerInfo> runners = runners(authorization);
    RunnerInfo info =
        runners.stream()
            .filter(r -> r.code().equals(runner))
            .findFirst()
            .orElseThrow(() -> new UnknownRunner(runner, codes(runners)));
    if (!info.configured()) {
      throw new RunnerUnconfigured(runner, info.unconfiguredReason());
    }
    List<String> kinds = info.kinds() == null ? List.of() : info.kinds();
    if (!kinds.contains(kind)) {
      throw new KindNotOffered(runner, kind, kinds);
    }
    try {
      CheckedSettings checked =
          client.check(authorization, runner, new SettingsCheck(kind, settings));
      if (checked == null || checked.settings() == null) {
        throw new GatewayUnavailable(
            "the runner gateway answered a settings check without settings");
      }
      return checked;
    } catch (GatewayAnswered e) {
      if (e.status() == 400) {
        throw new InvalidSettings(
            e.detail() == null
                ? "the runner refused the settings"
                : Untrusted.escape(e.detail(), DETAIL_LENGTH));
      }
      if (e.status() == 404) {
        // the runner went away between the list and the check
        throw new UnknownRunner(runner, codes(runners));
      }
      throw unavailable(e);
    } catch (ProcessingException e) {
      throw unavailable(e);
    }
  }

  private List<RunnerInfo> runners(String authorization) {
    try {
      RunnerPage page = client.runners(authorization, ALL);
      if (page == null || page.value() == null) {
        throw new GatewayUnavailable("the runner gateway answered a runner list without runners");
      }
      return page.value();
    } catch (GatewayAnswered | ProcessingException e) {
      throw unavailable(e);
    }
  }

  private static List<String> codes(List<RunnerInfo> runners) {
    return runners.stream().map(RunnerInfo::code).sorted().toList();
  }

  private static GatewayUnavailable unavailable(RuntimeException e) {
    LOG.warnf("the runner gateway cannot be asked: %s", Untrusted.forLog(e.getMessage()));
    return new GatewayUnavailable("the runner gateway cannot be asked about runners right now");
  }

  /** No runner with the code at the gateway; names the runners there are. */
  public static class UnknownRunner extends ProblemException {
    public UnknownRunner(String runner, List<String> runners) {
      super(
          400,
          "Bad Request",
          "unknown runner " + Untrusted.quote(runner) + "; runners: " + String.join(", ", runners),
          Map.of("runners", runners));
    }
  }

  /** The runner exists but takes no runs here; says why. */
  public static class RunnerUnconfigured extends ProblemException {
    public RunnerUnconfigured(String runner, String reason) {
      super(
          400,
          "Bad Request",
          "runner "
              + runner
              + " is not configured: "
              + (reason == null ? "the gateway does not say why" : reason));
    }
  }

  /** The runner cannot do that kind of job; names the kinds it can. */
  public static class KindNotOffered extends ProblemException {
    public KindNotOffered(String runner, String kind, List<String> kinds) {
      super(
          400,
          "Bad Request",
          "runner "
              + runner
              + " cannot run a "
              + Untrusted.quote(kind)
              + "; it runs: "
              + String.join(", ", kinds),
          Map.of("kinds", kinds));
    }
  }

  /** The runner refused the settings; the detail is the gateway's, naming the setting. */
  public static class InvalidSettings extends ProblemException {
    public InvalidSettings(String detail) {
      super(400, "Bad Request", detail);
    }
  }

  /** The gateway cannot be asked (down, slow, erring): nothing is stored, try again later. */
  public static class GatewayUnavailable extends ProblemException {
    public GatewayUnavailable(String detail) {
      super(503, "Service Unavailable", detail, null, Map.of("Retry-After", "5"));
    }
  }
}
