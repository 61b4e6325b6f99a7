package dev.gort.cli.local;

import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.pipeline.StepState;
import dev.gort.common.pipeline.report.AttemptLog;
import dev.gort.common.pipeline.report.PipelineReport;
import dev.gort.common.pipeline.report.PipelineReports;
import dev.gort.common.pipeline.run.AdvanceOutcome;
import dev.gort.common.pipeline.run.Dispatch;
import dev.gort.common.pipeline.run.PipelineEngine;
import dev.gort.common.pipeline.run.RunOptions;
import dev.gort.common.pipeline.run.RunStatus;
import dev.gort.common.pipeline.run.Step;
import dev.gort.common.pipeline.run.StepAction;
import dev.gort.common.pipeline.run.StepSelector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A pipeline run on this machine, with no service (issue 13, {@code gort run --local}): common's
 * {@link PipelineEngine} decides (stage order, needs, allow_failure, retries, on_success/on_failure
 * links, maxParallel), {@link LocalJob}s carry out its dispatches in threads of their own, and
 * their outcomes come back to this one thread, the only one that touches the engine. The report is
 * saved when the run starts (as {@code RUNNING}) and when it ends.
 */
public final class LocalRun {

  /** The most of a log an attempt's report keeps (the output cap keeps it well below). */
  static final int MAX_LOG_CHARS = 200 * 1024;

  static final String ACTOR = "gort";
  private static final Duration REDRAW = Duration.ofMillis(250);

  /** What a local run is asked to do, beside its pipeline. */
  public record Request(
      PipelineSpec spec,
      String repository,
      String commit,
      RunOptions options,
      Path projectDir,
      Map<String, String> hostEnv) {}

  private final Request request;
  private final LocalJob.Setup setup;
  private final Prompter prompter;
  private final LocalProgress progress;
  private final ReportStore store;
  private final Clock clock;
  private final BlockingQueue<Optional<AttemptOutcome>> outcomes = new LinkedBlockingQueue<>();
  private final Map<String, LocalJob> running = new LinkedHashMap<>();
  private final Map<String, AttemptLog> logs = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private volatile boolean cancelRequested;

  public LocalRun(
      Request request,
      LocalJob.Setup setup,
      Prompter prompter,
      LocalProgress progress,
      ReportStore store) {
    this.request = request;
    this.setup = setup;
    this.prompter = prompter;
    this.progress = progress;
    this.store = store;
    this.clock = setup.clock();
  }

  /** The run as it ended, and where its report is. */
  public record Ended(PipelineReport report, Path file) {}

  /**
   * Asks the run to stop (Ctrl-C): its jobs' process trees are ended, the report says CANCELLED.
   */
  public void cancel() {
    cancelRequested = true;
    outcomes.add(Optional.empty());
  }

  public Ended run() throws IOException, InterruptedException {
    PipelineSpec spec = request.spec();
    int number = store.reserve(spec.name());
    Instant startedAt = clock.instant();
    PipelineEngine engine = PipelineEngine.create(spec, request.options());
    noteImagesOnHost(spec);
    if (!prompter.interactive()) {
      skipPrompts(engine, startedAt);
    }
    engine.apply(StepAction.START, StepSelector.ALL, false, ACTOR, null, startedAt);
    Path scratch = Files.createTempDirectory("gort-local-");
    ExecutorService threads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "gort-local-job");
              thread.setDaemon(true);
              return thread;
            });
    try {
      store.save(report(engine, number, startedAt, null));
      drive(engine, number, startedAt, scratch, threads);
    } finally {
      threads.shutdownNow();
      progress.end();
      deleteTree(scratch);
    }
    PipelineReport report = report(engine, number, startedAt, clock.instant());
    return new Ended(report, store.save(report));
  }

  private void drive(
      PipelineEngine engine, int number, Instant startedAt, Path scratch, ExecutorService threads)
      throws InterruptedException {
    while (true) {
      if (cancelRequested) {
        cancelRun(engine);
        return;
      }
      Instant now = clock.instant();
      AdvanceOutcome advanced = engine.advance(now);
      for (Dispatch dispatch : advanced.dispatched()) {
        start(engine, number, dispatch, scratch, threads);
      }
      progress.show(report(engine, number, startedAt, null), now);
      if (!advanced.waitingForInput().isEmpty()) {
        answerPrompts(engine, advanced.waitingForInput());
        continue;
      }
      if (engine.status().isFinal()) {
        return;
      }
      if (running.isEmpty() && !resolvePaused(engine)) {
        notes.add("the run waited for its user with no job left to run; it was cancelled");
        cancelRun(engine);
        return;
      }
      Optional<AttemptOutcome> done = outcomes.poll(REDRAW.toMillis(), TimeUnit.MILLISECONDS);
      if (done != null && done.isPresent()) {
        record(engine, done.get());
      }
    }
  }

  private void start(
      PipelineEngine engine, int number, Dispatch dispatch, Path scratch, ExecutorService threads) {
    JobSpec job = engine.spec().jobs().get(dispatch.job());
    String name = dispatch.job() + "-" + dispatch.attempt();
    LocalJob local =
        new LocalJob(
            job,
            dispatch.attempt(),
            scratch.resolve(name),
            scratch.resolve(name + ".log"),
            JobEnvironment.of(
                request, number, job, dispatch.attempt(), engine.step(job.name()).messages()),
            setup);
    running.put(dispatch.job(), local);
    threads.submit(
        () -> {
          AttemptOutcome outcome = local.call();
          deleteTree(scratch.resolve(name));
          outcomes.add(Optional.of(outcome));
        });
  }

  private void record(PipelineEngine engine, AttemptOutcome outcome) {
    running.remove(outcome.job());
    logs.put(outcome.job() + "#" + outcome.attempt(), outcome.log());
    engine.onResult(outcome.job(), outcome.attempt(), outcome.result(), outcome.at());
  }

  /** Ctrl-C: every running job's tree is ended, and its outcome waited for (briefly). */
  private void cancelRun(PipelineEngine engine) throws InterruptedException {
    engine.cancel("Ctrl-C", false, clock.instant());
    running.values().forEach(LocalJob::halt);
    long until = System.nanoTime() + setup.killGrace().plusSeconds(5).toNanos();
    while (!running.isEmpty() && System.nanoTime() < until) {
      Optional<AttemptOutcome> done = outcomes.poll(100, TimeUnit.MILLISECONDS);
      if (done != null && done.isPresent()) {
        record(engine, done.get());
      }
    }
  }

  private void answerPrompts(PipelineEngine engine, List<String> jobs) {
    progress.end();
    for (String job : jobs) {
      String prompt = engine.spec().jobs().get(job).input();
      Optional<String> answer = prompter.ask(job, prompt);
      if (answer.isPresent()) {
        engine.apply(
            StepAction.SEND_MESSAGE,
            StepSelector.ids(job),
            false,
            userName(),
            answer.get(),
            clock.instant());
      } else {
        notes.add("end of input at the prompt of " + job + ": the run was cancelled");
        cancelRequested = true;
        return;
      }
    }
  }

  /** A job paused by {@code --pause-on-failure}: what its user says; false when none is paused. */
  private boolean resolvePaused(PipelineEngine engine) {
    List<Step> paused = engine.select(StepSelector.states(StepState.PAUSED_DUE_TO_FAILURE));
    if (paused.isEmpty()) {
      return false;
    }
    progress.end();
    for (Step step : paused) {
      String reason =
          step.lastAttempt() != null && step.lastAttempt().result() != null
              ? step.lastAttempt().result().reason()
              : "failed";
      Prompter.OnFailure choice = prompter.onFailure(step.job(), reason);
      StepAction action =
          choice == Prompter.OnFailure.RERUN
              ? StepAction.RERUN
              : choice == Prompter.OnFailure.SKIP ? StepAction.SKIP : StepAction.RESUME;
      engine.apply(action, StepSelector.ids(step.job()), false, userName(), null, clock.instant());
    }
    return true;
  }

  /** Without a terminal no prompt can be answered: those jobs are skipped, saying so. */
  private void skipPrompts(PipelineEngine engine, Instant now) {
    List<String> prompting = new ArrayList<>();
    for (JobSpec job : engine.spec().jobs().values()) {
      if (job.input() != null) {
        prompting.add(job.name());
      }
    }
    if (prompting.isEmpty()) {
      return;
    }
    engine.apply(
        StepAction.SKIP,
        new StepSelector(new java.util.LinkedHashSet<>(prompting), null, null),
        false,
        "gort: no terminal to answer its input prompt",
        null,
        now);
    notes.add(
        "no terminal to answer input prompts: "
            + String.join(", ", prompting)
            + " skipped (run gort at a terminal to answer them)");
  }

  private void noteImagesOnHost(PipelineSpec spec) {
    List<String> withImage = new ArrayList<>();
    for (JobSpec job : spec.jobs().values()) {
      if (job.image() != null) {
        withImage.add(job.name());
      }
    }
    if (!withImage.isEmpty() && setup.engine().isEmpty()) {
      notes.add(
          "no container engine here: jobs with an image ran on this machine instead ("
              + String.join(", ", withImage)
              + ")");
    }
  }

  private PipelineReport report(
      PipelineEngine engine, int number, Instant startedAt, Instant finishedAt) {
    return PipelineReports.of(
        engine,
        new PipelineReports.RunFacts(
            number,
            request.repository(),
            request.commit(),
            PipelineReport.Where.LOCAL,
            startedAt,
            finishedAt,
            notes),
        (job, attempt) -> logs.get(job + "#" + attempt));
  }

  private String userName() {
    return request.hostEnv().getOrDefault("USER", "user");
  }

  /** Whether the run ended as the command's exit 0 wants. */
  public static boolean succeeded(PipelineReport report) {
    return report.status() == RunStatus.SUCCEEDED;
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(LocalRun::deleteQuietly);
    } catch (IOException | RuntimeException e) {
      // scratch space in the temp folder: the system cleans what is left
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // see deleteTree
    }
  }
}
