package dev.gort.localrunner.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gort.common.process.RunAs;
import dev.gort.localrunner.callback.CallbackSender;
import dev.gort.localrunner.callback.GatewayOrigin;
import dev.gort.localrunner.callback.JobCallback;
import dev.gort.localrunner.config.LocalRunnerConfig;
import dev.gort.localrunner.container.ContainerEngine;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The agent's jobs: submitted once per attempt id (the idempotency key), run each on a thread of
 * its own (at most {@code max-concurrent-jobs} at once), cancelled, listed, and remembered across a
 * restart through their on-disk records ({@link JobRecord}).
 */
@Singleton
public class JobService {

  private static final Logger LOG = Logger.getLogger(JobService.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final LocalRunnerConfig config;
  private final CallbackSender callbacks;
  private final GatewayOrigin gateway;
  private final JobExecution.Context context;
  private final ObjectMapper records;
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final Map<String, String> byAttempt = new HashMap<>();
  private final Map<String, Thread> running = new HashMap<>();

  @Inject
  public JobService(LocalRunnerConfig config, CallbackSender callbacks, ContainerEngine engines) {
    this.config = config;
    this.callbacks = callbacks;
    this.gateway = new GatewayOrigin(config.gatewayUrl());
    Optional<RunAs> runAs =
        config
            .runAs()
            .filter(s -> !s.isBlank())
            .map(
                name ->
                    RunAs.lookup(name)
                        .orElseThrow(
                            () ->
                                new IllegalStateException(
                                    "gort.local-runner.run-as names no user of this machine: "
                                        + name)));
    this.context =
        new JobExecution.Context(
            engines,
            config.imagesOnHost(),
            runAs,
            config.outputCapBytes(),
            config.killGrace(),
            Clock.systemUTC());
    this.records = new ObjectMapper().registerModule(new JavaTimeModule());
    records.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  void start(@Observes StartupEvent event) throws IOException {
    if (config.token().filter(t -> !t.isBlank()).isEmpty()
        || config.secret().filter(s -> !s.isBlank()).isEmpty()) {
      throw new IllegalStateException(
          "the local runner needs gort.local-runner.token (GORT_LOCAL_RUNNER_TOKEN) and"
              + " gort.local-runner.secret (GORT_LOCAL_RUNNER_SECRET): it runs code and takes jobs"
              + " only from the gateway");
    }
    context
        .runAs()
        .ifPresent(
            user -> {
              int uid = RunAs.currentUid();
              if (uid != 0 && uid != user.uid()) {
                throw new IllegalStateException(
                    "gort.local-runner.run-as="
                        + user.name()
                        + " needs the agent to run as root (it runs as uid "
                        + uid
                        + ")");
              }
            });
    Files.createDirectories(config.workDir());
    restore();
  }

  /**
   * Jobs running when the agent stops are ended (their trees killed) and recorded as {@code
   * infra-failure}, as a restart finds jobs whose agent died.
   */
  void stop(@Observes ShutdownEvent event) {
    List<Thread> threads;
    synchronized (this) {
      jobs.values()
          .forEach(
              job ->
                  job.requestCancel("the agent stopped while the job ran", Outcome.INFRA_FAILURE));
      threads = new ArrayList<>(running.values());
    }
    long until = System.nanoTime() + config.killGrace().plusSeconds(2).toNanos();
    for (Thread thread : threads) {
      try {
        thread.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The outcome of a submit: the job, and whether this submit created it. */
  public record Submitted(Job job, boolean created) {}

  /**
   * @throws InvalidJobException the job cannot be run as sent
   * @throws AgentBusyException as many jobs run as the agent takes
   */
  public Submitted submit(JobRequest request) {
    JobSpec spec = JobSpec.check(request, gateway, config.maxTimeout());
    Job job;
    synchronized (this) {
      String known = byAttempt.get(spec.attemptId());
      if (known != null && jobs.containsKey(known)) {
        return new Submitted(jobs.get(known), false);
      }
      if (running.size() >= config.maxConcurrentJobs()) {
        throw new AgentBusyException(
            "the agent runs "
                + running.size()
                + " jobs, as many as it takes at once; try again later");
      }
      String id = UUID.randomUUID().toString();
      Path dir = config.workDir().resolve(id);
      try {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.createDirectories(dir.resolve("work"));
      } catch (IOException e) {
        throw new IllegalStateException("cannot create the job's directory", e);
      }
      job = new Job(id, readToken(), spec, context.clock().instant(), dir);
      jobs.put(id, job);
      byAttempt.put(spec.attemptId(), id);
      save(job);
      Thread thread = new Thread(new JobExecution(job, context, this::ended), "job-" + id);
      thread.setDaemon(true);
      running.put(id, thread);
      thread.start();
    }
    LOG.infof(
        "job %s started for attempt %s (%d commands)",
        job.id(), spec.attemptId(), spec.commands().size());
    prune();
    return new Submitted(job, true);
  }

  public synchronized Job find(String id) {
    Job job = jobs.get(id);
    if (job == null) {
      throw new NoSuchJobException("no job " + dev.gort.common.web.Untrusted.quote(id) + " here");
    }
    return job;
  }

  /** The job if {@code readToken} is its read token (compared in constant time). */
  public Job findReadable(String id, String readToken) {
    Job job;
    synchronized (this) {
      job = jobs.get(id);
    }
    if (job == null
        || readToken == null
        || !java.security.MessageDigest.isEqual(
            job.readToken().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            readToken.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      throw new NoSuchJobException("no such job, or not with that read token");
    }
    return job;
  }

  /**
   * Cancels a running job (its execution ends the process tree at once).
   *
   * @return whether the job was still running
   */
  public boolean cancel(String id) {
    Job job = find(id);
    boolean asked = job.requestCancel("cancelled by the gateway", Outcome.CANCELLED);
    if (asked) {
      LOG.infof("job %s: cancel requested", id);
    }
    return asked;
  }

  /** Every job, latest first, those with {@code status} only when it is given. */
  public synchronized List<Job> list(String status) {
    List<Job> all = new ArrayList<>(jobs.values());
    java.util.Collections.reverse(all);
    return status == null ? all : all.stream().filter(j -> j.status().equals(status)).toList();
  }

  public String resultsUrl(Job job) {
    return config.publicUrl() + "/api/v1/jobs/" + job.id() + "/results?read=" + job.readToken();
  }

  public String logUrl(Job job) {
    return config.publicUrl() + "/api/v1/jobs/" + job.id() + "/log?read=" + job.readToken();
  }

  private void ended(Job job) {
    synchronized (this) {
      running.remove(job.id());
    }
    Outcome outcome = job.outcome().orElseThrow();
    LOG.infof("job %s ended %s: %s", job.id(), outcome.word(), job.detail());
    JobSpec spec = job.spec();
    if (config.callbacks() && spec.callbackUrl() != null) {
      job.callbackStatus("pending");
      save(job);
      callbacks.deliver(
          spec.callbackUrl(),
          spec.callbackToken(),
          new JobCallback(
              job.id(),
              spec.runId(),
              spec.attempt(),
              outcome.word(),
              resultsUrl(job),
              job.detail(),
              job.exitCode()),
          progress -> {
            job.callbackStatus(progress);
            if (!progress.startsWith("pending")) {
              save(job);
            }
          });
    } else {
      save(job);
    }
  }

  private void save(Job job) {
    Path record = job.dir().resolve("job.json");
    Path temp = job.dir().resolve("job.json.tmp");
    try {
      synchronized (job) {
        records.writeValue(temp.toFile(), job.record());
        try {
          Files.move(
              temp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, record, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      LOG.warnf("job %s: cannot write its record: %s", job.id(), e.getMessage());
    }
  }

  private void restore() {
    List<Job> found = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(config.workDir())) {
      for (Path dir : dirs) {
        Path file = dir.resolve("job.json");
        if (!Files.isRegularFile(file)) {
          continue;
        }
        try {
          JobRecord r = records.readValue(file.toFile(), JobRecord.class);
          JobSpec spec =
              new JobSpec(
                  r.attemptId(),
                  r.runId(),
                  r.attempt() == null ? 1 : r.attempt(),
                  r.experiment(),
                  r.revision(),
                  r.kind(),
                  null,
                  null,
                  List.of("(restored)"),
                  Map.of(),
                  Duration.ZERO,
                  null,
                  "");
          Job job = Job.restored(r, spec, dir);
          if (r.outcome() == null) {
            job.end(
                Outcome.INFRA_FAILURE,
                "the agent stopped while the job ran",
                null,
                context.clock().instant());
            save(job);
          }
          found.add(job);
        } catch (IOException | RuntimeException e) {
          LOG.warnf("cannot read the job record %s: %s", file, e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.warnf("cannot read the work directory %s: %s", config.workDir(), e.getMessage());
    }
    found.sort(Comparator.comparing(Job::created));
    synchronized (this) {
      for (Job job : found) {
        jobs.put(job.id(), job);
        if (job.spec().attemptId() != null) {
          byAttempt.put(job.spec().attemptId(), job.id());
        }
      }
    }
    if (!found.isEmpty()) {
      LOG.infof("restored %d jobs from %s", found.size(), config.workDir());
    }
  }

  /** Keeps at most max-kept-jobs: the oldest ended ones go, with their directories. */
  private void prune() {
    List<Job> gone = new ArrayList<>();
    synchronized (this) {
      int excess = jobs.size() - config.maxKeptJobs();
      for (Job job : new ArrayList<>(jobs.values())) {
        if (excess <= 0) {
          break;
        }
        if (job.outcome().isPresent()) {
          jobs.remove(job.id());
          byAttempt.remove(job.spec().attemptId(), job.id());
          gone.add(job);
          excess--;
        }
      }
    }
    for (Job job : gone) {
      try (Stream<Path> paths = Files.walk(job.dir())) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        LOG.warnf("cannot remove the directory of job %s: %s", job.id(), e.getMessage());
      }
    }
  }

  private static String readToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
