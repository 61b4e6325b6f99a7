package dev.gort.localrunner.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.process.ProcessTree;
import dev.gort.localrunner.callback.CallbackSender;
import dev.gort.localrunner.config.LocalRunnerConfig;
import dev.gort.localrunner.container.ContainerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agent knows of its jobs across a stop and a start (their on-disk records). */
class JobServiceRestartTest {

  @TempDir Path work;

  record Config(Path workDir) implements LocalRunnerConfig {
    public Optional<String> token() {
      return Optional.of("t");
    }

    public Optional<String> secret() {
      return Optional.of("s");
    }

    public String gatewayUrl() {
      return "http://127.0.0.1:1";
    }

    public String publicUrl() {
      return "http://127.0.0.1:8086";
    }

    public int maxConcurrentJobs() {
      return 2;
    }

    public int maxKeptJobs() {
      return 10;
    }

    public Duration maxTimeout() {
      return Duration.ofHours(1);
    }

    public long outputCapBytes() {
      return 4096;
    }

    public Duration killGrace() {
      return Duration.ofMillis(500);
    }

    public Optional<String> runAs() {
      return Optional.empty();
    }

    public String containerEngine() {
      return "none";
    }

    public boolean imagesOnHost() {
      return false;
    }

    public boolean callbacks() {
      return false;
    }

    public Duration callbackTimeout() {
      return Duration.ofSeconds(1);
    }

    public int callbackRetries() {
      return 0;
    }

    public Duration callbackBackoff() {
      return Duration.ofMillis(10);
    }
  }

  private JobService agent() throws Exception {
    Config config = new Config(work);
    JobService service =
        new JobService(
            config, new CallbackSender(new ObjectMapper(), config), new ContainerEngine(config));
    service.start(null);
    return service;
  }

  private static JobRequest job(String attemptId, String command) {
    return new JobRequest(
        attemptId,
        "run-1",
        1,
        "demo",
        "r1",
        "test",
        null,
        List.of(command),
        null,
        "PT60S",
        null,
        null);
  }

  @Test
  void stoppingTheAgentEndsRunningJobsAsInfraFailureAndARestartStillKnowsThem() throws Exception {
    JobService first = agent();
    Job done = first.submit(job("att-done", "true")).job();
    await().atMost(Duration.ofSeconds(10)).until(() -> done.outcome().isPresent());
    Job running = first.submit(job("att-running", "echo $$ > pid.txt; sleep 100")).job();
    Path pidFile = work.resolve(running.id()).resolve("work").resolve("pid.txt");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
    long pid = Long.parseLong(Files.readString(pidFile).trim());

    first.stop(null);

    assertThat(running.outcome()).contains(Outcome.INFRA_FAILURE);
    assertThat(running.detail()).isEqualTo("the agent stopped while the job ran");
    assertThat(ProcessTree.running(pid)).isFalse();

    JobService second = agent();
    assertThat(second.find(done.id()).outcome()).contains(Outcome.PASSED);
    assertThat(second.find(running.id()).outcome()).contains(Outcome.INFRA_FAILURE);
    // the attempt id is still the idempotency key
    assertThat(second.submit(job("att-done", "true")).created()).isFalse();
    assertThat(second.submit(job("att-done", "true")).job().id()).isEqualTo(done.id());
  }

  @Test
  void aJobRecordedAsRunningWhenTheAgentDiedIsReportedAsInfraFailure() throws Exception {
    Path dir = Files.createDirectories(work.resolve("job-x"));
    Files.writeString(
        dir.resolve("job.json"),
        "{\"jobId\":\"job-x\",\"attemptId\":\"att-x\",\"readToken\":\"r\",\"status\":\"running\","
            + "\"kind\":\"test\",\"createdDateTime\":\"2026-12-02T06:00:00Z\"}");

    Job job = agent().find("job-x");

    assertThat(job.status()).isEqualTo(Job.FINISHED);
    assertThat(job.outcome()).contains(Outcome.INFRA_FAILURE);
    assertThat(job.detail()).isEqualTo("the agent stopped while the job ran");
  }
}
