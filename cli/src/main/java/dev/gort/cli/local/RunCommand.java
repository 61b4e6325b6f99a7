package dev.gort.cli.local;

import dev.gort.cli.CliContext;
import dev.gort.cli.GortCommand;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.exit.ExitCode;
import dev.gort.cli.output.OutputFormat;
import dev.gort.cli.output.Terminal;
import dev.gort.cli.pipeline.PipelineFile;
import dev.gort.cli.pipeline.ProblemList;
import dev.gort.cli.remote.RemoteRun;
import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.pipeline.PipelineValidationException;
import dev.gort.common.pipeline.report.PipelineReportJson;
import dev.gort.common.pipeline.run.RunOptions;
import dev.gort.common.process.ContainerEngines;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gort run FILE}: validates the pipeline here, then has the scheduler run it ({@link
 * RemoteRun}; {@code --watch} follows it), or with {@code --local} runs it on this machine, without
 * any service, and stores its report under {@code $GORT_HOME/reports}. Exits 0 when the run
 * SUCCEEDED (or, unwatched, was accepted), 1 when it FAILED or was CANCELLED (Ctrl-C), 2 when the
 * file is not a valid pipeline.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run a pipeline file on the server (--watch to follow it), or with --local on this"
            + " machine, without any service.")
public class RunCommand implements Callable<Integer> {

  static final long OUTPUT_CAP = 64 * 1024;
  static final Duration KILL_GRACE = Duration.ofSeconds(2);
  static final Duration DEFAULT_TIMEOUT = JobSpec.DEFAULT_TIMEOUT;
  static final int DEFAULT_MAX_PARALLEL = 4;

  @ParentCommand GortCommand gort;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The pipeline file (YAML).")
  String file;

  @Option(names = "--local", description = "Run the jobs here, as local processes.")
  boolean local;

  @Option(names = "--watch", description = "On the server: follow the run until it ends.")
  boolean watch;

  @Option(
      names = "--experiment",
      paramLabel = "E",
      description = "On the server: the experiment the run belongs to.")
  String experiment;

  @Option(names = "--commit", paramLabel = "C", description = "The commit hash the run is of.")
  String commit;

  @Option(names = "--repository", paramLabel = "R", description = "The repository it is from.")
  String repository;

  @Option(
      names = "--max-parallel",
      paramLabel = "N",
      description =
          "With --local: how many jobs may run at once; 0 for no limit (default: 4; on the server"
              + " its own limit holds).")
  Integer maxParallel;

  @Option(
      names = "--pause-on-failure",
      description =
          "A failure that is neither retried nor allowed pauses its job: with --local, at a"
              + " terminal gort asks whether to rerun, skip or fail it; on the server it waits for"
              + " gort rerun or gort skip.")
  boolean pauseOnFailure;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (local && experiment != null) {
      throw CliFailure.usage("--experiment is for runs on the server; a --local run has none");
    }
    if (!local && maxParallel != null) {
      throw CliFailure.usage(
          "--max-parallel is for --local runs; on the server the scheduler's limit holds");
    }
    int parallel = maxParallel == null ? DEFAULT_MAX_PARALLEL : maxParallel;
    if (parallel < 0) {
      throw CliFailure.usage("--max-parallel must be 0 (no limit) or more, not " + parallel);
    }
    CliContext context = gort.context();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PipelineSpec pipeline;
    try {
      pipeline = PipelineFile.parse(file);
    } catch (PipelineValidationException invalid) {
      ProblemList.print(file, invalid, context.output(), out, err);
      return ExitCode.USAGE.code();
    }
    boolean json = context.output() == OutputFormat.JSON;
    boolean terminal = Terminal.interactive();
    if (!local) {
      return RemoteRun.run(
          gort,
          spec,
          new RemoteRun.Request(pipeline, experiment, repository, commit, pauseOnFailure, watch),
          terminal);
    }
    LocalRun run =
        new LocalRun(
            new LocalRun.Request(
                pipeline,
                repository,
                commit,
                new RunOptions(parallel, pauseOnFailure),
                Path.of("").toAbsolutePath(),
                context.env()),
            new LocalJob.Setup(
                engine(pipeline, context),
                OUTPUT_CAP,
                KILL_GRACE,
                DEFAULT_TIMEOUT,
                Clock.tickMillis(java.time.ZoneOffset.UTC)),
            terminal && System.console() != null
                ? Prompter.console(System.console())
                : Prompter.NONE,
            LocalProgress.forOutput(json ? err : out, terminal),
            new ReportStore(context.home()));
    return new Interruptible(run).runAndReport(ended -> finish(ended, json, out, err));
  }

  private int finish(LocalRun.Ended ended, boolean json, PrintWriter out, PrintWriter err) {
    if (json) {
      out.print(PipelineReportJson.write(ended.report()));
    } else {
      out.print(ReportView.detail(ended.report(), false));
      out.println("report: " + ended.file());
    }
    out.flush();
    if (LocalRun.succeeded(ended.report())) {
      return ExitCode.SUCCESS.code();
    }
    err.println("gort: " + ReportView.verdict(ended.report()));
    err.flush();
    return ExitCode.RUN_FAILED.code();
  }

  /**
   * Looked for only when a job has an image; {@code GORT_CONTAINER_ENGINE} chooses (none, docker,
   * podman).
   */
  private static Optional<String> engine(PipelineSpec pipeline, CliContext context) {
    boolean images = pipeline.jobs().values().stream().map(JobSpec::image).anyMatch(i -> i != null);
    if (!images) {
      return Optional.empty();
    }
    return ContainerEngines.find(
            context.env().getOrDefault("GORT_CONTAINER_ENGINE", "auto"), "GORT_CONTAINER_ENGINE")
        .executable();
  }

  /**
   * Ctrl-C (SIGINT, or SIGTERM) starts the JVM's shutdown: its hook cancels the run, waits until
   * the report is saved and printed, then ends the JVM with the run's exit code (1), which {@code
   * System.exit} could no longer do once shutdown has begun.
   */
  static final class Interruptible {
    interface Finish {
      int apply(LocalRun.Ended ended);
    }

    private final LocalRun run;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile int exitCode = ExitCode.RUN_FAILED.code();

    Interruptible(LocalRun run) {
      this.run = run;
    }

    int runAndReport(Finish finish) throws IOException, InterruptedException {
      Thread hook = new Thread(this::cancelAndWait, "gort-ctrl-c");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        exitCode = finish.apply(run.run());
        return exitCode;
      } finally {
        done.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs: it ends the JVM with exitCode
        }
      }
    }

    private void cancelAndWait() {
      run.cancel();
      try {
        if (done.await(30, TimeUnit.SECONDS)) {
          Runtime.getRuntime().halt(exitCode);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
