package dev.gort.cli.local;

import dev.gort.common.pipeline.FailureClass;
import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.report.AttemptLog;
import dev.gort.common.pipeline.run.JobResult;
import dev.gort.common.process.CappedLog;
import dev.gort.common.process.CommandLauncher;
import dev.gort.common.process.Launch;
import dev.gort.common.process.RunningCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    String image = spec.image();
    if (image != null && setup.engine().isEmpty()) {
      log.note("no container engine: running on this machine instead of in image " + image);
      image = null;
    }
    CommandLauncher launcher = new CommandLauncher(Optional.empty(), setup.engine());
    Duration timeout = spec.timeout() == null ? setup.defaultTimeout() : spec.timeout();
    Instant deadline = setup.clock().instant().plus(timeout);
    for (int i = 0; i < spec.script().size(); i++) {
      String command = spec.script().get(i);
      String name = "command " + (i + 1);
      if (halted) {
        return interrupted();
      }
      log.note("$ " + command);
      RunningCommand running;
      try {
        running =
            launcher.start(
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
                log);
      } catch (IOException e) {
        String why = name + " could not be started: " + e.getMessage();
        log.note(why);
        return JobResult.failure(null, FailureClass.RUNNER_SYSTEM_FAILURE, why);
      }
      log.note(name + ": pid " + running.tree().leader());
      Optional<Integer> exit = Optional.empty();
      while (exit.isEmpty()) {
        exit = running.exitWithin(TICK);
        if (exit.isPresent()) {
          break;
        }
        if (halted) {
          boolean gone = running.end(setup.killGrace());
          log.note("interrupted" + (gone ? "; all its processes ended" : ""));
          return interrupted();
        }
        if (!setup.clock().instant().isBefore(deadline)) {
          boolean gone = running.end(setup.killGrace());
          String why =
              "timed out after "
                  + LocalProgress.duration(timeout)
                  + " in "
                  + name
                  + (gone ? "; all its processes ended" : "");
          log.note(why);
          return JobResult.failure(null, FailureClass.JOB_EXECUTION_TIMEOUT, why);
        }
      }
      running.finish(setup.killGrace());
      int code = exit.get();
      if (code != 0) {
        String why = name + " exited with " + code;
        log.note(why);
        return JobResult.failure(code, FailureClass.SCRIPT_FAILURE, why);
      }
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
