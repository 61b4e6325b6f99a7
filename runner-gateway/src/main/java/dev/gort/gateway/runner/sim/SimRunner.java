package dev.gort.gateway.runner.sim;

import dev.gort.common.web.Untrusted;
import dev.gort.gateway.runner.CallbackRequest;
import dev.gort.gateway.runner.CallbackStyle;
import dev.gort.gateway.runner.DispatchRequest;
import dev.gort.gateway.runner.InvalidSettingsException;
import dev.gort.gateway.runner.JobIds;
import dev.gort.gateway.runner.JobRejectedException;
import dev.gort.gateway.runner.RunKind;
import dev.gort.gateway.runner.Runner;
import dev.gort.gateway.runner.RunnerJob;
import dev.gort.gateway.runner.RunnerJobStatus;
import dev.gort.gateway.runner.RunnerRefusedException;
import dev.gort.gateway.runner.RunnerReport;
import dev.gort.gateway.runner.RunnerUnavailableException;
import dev.gort.gateway.runner.SignedJobCallback;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Runner code {@code sim}: the simulators' scriptable generic runner. Callbacks per job, signed
 * with HMAC-SHA256 over the URL's token and the exact body ({@link SignedJobCallback}). It takes no
 * settings.
 */
@ApplicationScoped
public class SimRunner implements Runner {

  public static final String CODE = "sim";
  @Inject @RestClient SimRunnerApi api;
  @Inject SimRunnerConfig config;

  @Override
  public String code() {
    return CODE;
  }

  @Override
  public Set<RunKind> kinds() {
    return EnumSet.allOf(RunKind.class);
  }

  @Override
  public Optional<String> unconfiguredReason() {
    return secret().isPresent()
        ? Optional.empty()
        : Optional.of("no callback secret (gort.runner.sim.secret, GORT_SIM_RUNNER_SECRET)");
  }

  @Override
  public CallbackStyle callbackStyle() {
    return CallbackStyle.PER_JOB;
  }

  @Override
  public Map<String, Object> checkSettings(RunKind kind, Map<String, Object> requested) {
    if (!requested.isEmpty()) {
      throw new InvalidSettingsException(
          "runner sim takes no settings; got "
              + Untrusted.quote(String.join(", ", requested.keySet())));
    }
    return Map.of();
  }

  @Override
  @Timeout(value = 10, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(
      requestVolumeThreshold = 10,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = JobRejectedException.class)
  public String dispatch(DispatchRequest r) {
    try {
      SimRunnerApi.Accepted accepted =
          api.submit(
              new SimRunnerApi.Job(
                  r.runId(),
                  r.attempt(),
                  r.experiment(),
                  r.revision(),
                  r.kind().word(),
                  r.callbackUrl()));
      if (accepted == null || !JobIds.valid(accepted.jobId())) {
        throw new RunnerUnavailableException("sim runner answered without a usable job id", null);
      }
      return accepted.jobId();
    } catch (WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (status == 400 || status == 404 || status == 422) {
        throw new JobRejectedException("sim runner refused the job as invalid (" + status + ")", e);
      }
      throw new RunnerUnavailableException("sim runner refused the job: " + status, e);
    } catch (RunnerUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RunnerUnavailableException("sim runner refused the job: " + e.getMessage(), e);
    }
  }

  // no circuit breaker: one job whose halt fails must not hold back the halts of every other job
  // (the halt queue backs off and gives up per job), as for status polls
  @Override
  @Timeout(value = 10, unit = ChronoUnit.SECONDS)
  public String cancel(RunnerJob job) {
    try {
      api.cancel(job.jobId());
      return "cancelled at the runner";
    } catch (WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (status == 404 || status == 409) {
        return "the runner answered " + status + ": nothing left to halt";
      }
      throw new RunnerRefusedException("sim runner refused the cancel: " + status, e);
    } catch (RuntimeException e) {
      throw new RunnerUnavailableException("sim runner cannot be reached: " + e.getMessage(), e);
    }
  }

  // no circuit breaker: one job's silence must not read as every job's; polls are few (overdue
  // jobs only) and backed off per job
  @Override
  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  public RunnerJobStatus status(RunnerJob job) {
    try {
      SimRunnerApi.JobStatus answer = api.status(job.jobId());
      if (answer == null || answer.status() == null || answer.status().isBlank()) {
        throw new RunnerUnavailableException(
            "sim runner answered the status poll without a status", null);
      }
      // the sim answers "running" until the job's callback goes out, then the status it reported
      return "running".equals(answer.status())
          ? RunnerJobStatus.running(answer.status())
          : RunnerJobStatus.finished(answer.status());
    } catch (WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (status == 404) {
        return RunnerJobStatus.running("unknown to the runner (404)");
      }
      throw new RunnerUnavailableException("sim runner answered the status poll with " + status, e);
    } catch (RunnerUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RunnerUnavailableException("sim runner cannot be reached: " + e.getMessage(), e);
    }
  }

  @Override
  public RunnerReport verify(CallbackRequest request) {
    return SignedJobCallback.verify(secret(), request);
  }

  private Optional<String> secret() {
    return config.secret().filter(s -> !s.isBlank());
  }
}
