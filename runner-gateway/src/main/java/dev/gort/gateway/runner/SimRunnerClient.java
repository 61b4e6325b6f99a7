package dev.gort.gateway.runner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Runner code {@code sim}: the simulators' scriptable generic runner. */
@ApplicationScoped
public class SimRunnerClient implements RunnerClient {

  @Inject @RestClient SimRunnerApi api;

  @Override
  public String code() {
    return "sim";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("test", "build", "boot");
  }

  @Override
  @Timeout(value = 10, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(requestVolumeThreshold = 10, delay = 5, delayUnit = ChronoUnit.SECONDS)
  public String dispatch(DispatchRequest r) {
    try {
      SimRunnerApi.Accepted accepted =
          api.submit(
              new SimRunnerApi.Job(
                  r.runId(), r.attempt(), r.experiment(), r.revision(), r.kind(), r.callbackUrl()));
      if (accepted == null || accepted.jobId() == null || accepted.jobId().isBlank()) {
        throw new RunnerUnavailableException("sim runner answered without a job id", null);
      }
      return accepted.jobId();
    } catch (RunnerUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RunnerUnavailableException("sim runner refused the job: " + e.getMessage(), e);
    }
  }

  @Override
  @Timeout(value = 10, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(
      requestVolumeThreshold = 10,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = RunnerRefusedException.class)
  public String cancel(String runnerJobId) {
    try {
      api.cancel(runnerJobId);
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
  public RunnerJobStatus status(String runnerJobId) {
    try {
      SimRunnerApi.JobStatus answer = api.status(runnerJobId);
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
}
