package dev.gort.cli.local;

import dev.gort.common.pipeline.FailureClass;
import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.report.AttemptLog;
import dev.gort.common.pipeline.run.JobResult;
import dev.gort.common.process.CappedLog;
import dev.gort.common.process.CommandLauncher;
import dev.gort.common.process.CommandSequence;
import dev.gort.common.process.Launch;
import dev.gort.common.process.RunningCommand;
import dev.gort.common.process.SequenceOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One attempt of a job on this machine: its script's commands in sequence, each a process started
 * by common's {@link CommandLauncher} in the attempt's fresh working directory, output into one
 * capped log. Whatever a command does, the attempt ends once with a {@link JobResult}: a non-zero
 * exit is a {@code script_failure} with its code, the job's timeout ends the command's whole
 * process tree ({@code job_execution_timeout}), a command that cannot be started (or anything else
 * going wrong here) is a {@code runner_system_failure}, and a halt (Ctrl-C) ends the tree too.
 */
final class LocalJob implements Callable<AttemptOutcome> {

  private static final Duration TICK = Duration.ofMillis(50);

  /** What every attempt of a run shares. */
  record Setup(
      Optional<String> engine,
      long outputCap,
      Duration killGrace,
      Duration defaultTimeout,
      Clock clock) {}

  private final JobSpec spec;
  private final int attempt;
  private final Path workDir;
  private final Path logFile;
  private final Map<String, String> env;
  private final Setup setup;
  private volatile boolean halted;

  LocalJob(
      JobSpec spec, int attempt, Path workDir, Path logFile, Map<String, String> env, Setup setup) {
    this.spec = spec;
    this.attempt = attempt;
    this.workDir = workDir;
    this.logFile = logFile;
    this.env = env;
    this.setup = setup;
  }

  /** Ends the running command's process tree; the attempt then ends as halted. */
  void halt() {
    halted = true;
  }

  @Override
  public AttemptOutcome call() {
    JobResult result;
    boolean truncated = false;
    try (CappedLog log = new CappedLog(logFile, setup.outputCap())) {
      result = runScript(log);
      if (log.dropped() > 0) {
        truncated = true;
        log.note("dropped " + log.dropped() + " bytes of output past the cap");
      }
    } catch (IOException | RuntimeException e) {
      result =
          JobResult.failure(
              null,
              FailureClass.RUNNER_SYSTEM_FAILURE,
              "gort could not run the job (" + e.getClass().getSimpleName() + ")");
    }
    return new AttemptOutcome(
        spec.name(), attempt, result, readLog(truncated), setup.clock().instant());
  }

  private JobResult runScript(CappedLog log) throws IOException {
    Files.createDirectories(workDir);
    boolean onHost = spec.image() != null && setup.engine().isEmpty();
    if (onHost) {
      log.note("no container engine: running on this machine instead of in image " + spec.image());
    }
    String image = onHost ? null : spec.image();
    Duration timeout = spec.timeout() == null ? setup.defaultTimeout() : spec.timeout();
    CommandSequence sequence =
        new CommandSequence(
            new CommandLauncher(Optional.empty(), setup.engine()),
            log,
            setup.clock(),
            TICK,
            setup.killGrace());
    SequenceOutcome outcome =
        sequence.run(
            spec.script(),
            timeout,
            (i, command) ->
                new Launch(
                    command,
                    workDir,
                    "",
                    env,
                    Map.of("HOME", CommandLauncher.CONTAINER_WORK, "TMPDIR", "/tmp"),
                    image,
                    "gort-local-"
                        + ProcessHandle.current().pid()
                        + "-"
                        + spec.name()
                        + "-"
                        + attempt
                        + "-"
                        + (i + 1)),
            () -> halted ? Optional.of("interrupted") : Optional.empty(),
            new CommandSequence.Listener() {
              @Override
              public void started(int index, RunningCommand running) {
                log.note(CommandSequence.name(index) + ": pid " + running.tree().leader());
              }
            });
    return result(outcome, timeout, log);
  }

  private static JobResult result(SequenceOutcome outcome, Duration timeout, CappedLog log) {
    if (outcome instanceof SequenceOutcome.Exited exited) {
      String why = CommandSequence.name(exited.commandIndex()) + " exited with " + exited.code();
      log.note(why);
      return JobResult.failure(exited.code(), FailureClass.SCRIPT_FAILURE, why);
    }
    if (outcome instanceof SequenceOutcome.TimedOut timedOut) {
      String why =
          "timed out after "
              + LocalProgress.duration(timeout)
              + " in "
              + CommandSequence.name(timedOut.commandIndex())
              + (timedOut.treeEnded() ? "; all its processes ended" : "");
      log.note(why);
      return JobResult.failure(null, FailureClass.JOB_EXECUTION_TIMEOUT, why);
    }
    if (outcome instanceof SequenceOutcome.Halted halt) {
      if (halt.duringCommand()) {
        log.note("interrupted" + (halt.treeEnded() ? "; all its processes ended" : ""));
      }
      return interrupted();
    }
    if (outcome instanceof SequenceOutcome.NotStarted notStarted) {
      return JobResult.failure(null, FailureClass.RUNNER_SYSTEM_FAILURE, notStarted.why());
    }
    return new JobResult(true, 0, null, null);
  }

  private static JobResult interrupted() {
    return JobResult.failure(null, FailureClass.UNKNOWN_FAILURE, "interrupted");
  }

  /** The log as text, never more than the report holds; the cap keeps it well below that. */
  private AttemptLog readLog(boolean truncated) {
    int max = LocalRun.MAX_LOG_CHARS;
    try (InputStream in = Files.newInputStream(logFile)) {
      byte[] bytes = in.readNBytes(max);
      boolean more = in.read() >= 0;
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (text.length() > max) {
        text = text.substring(0, max);
      }
      return AttemptLog.text(text, truncated || more);
    } catch (IOException e) {
      return AttemptLog.text("[gort] the log could not be read: " + e.getMessage(), false);
    }
  }
}
