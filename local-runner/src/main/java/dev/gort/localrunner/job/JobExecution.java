package dev.gort.localrunner.job;

import dev.gort.common.process.CappedLog;
import dev.gort.common.process.CommandLauncher;
import dev.gort.common.process.Launch;
import dev.gort.common.process.RunAs;
import dev.gort.common.process.RunningCommand;
import dev.gort.localrunner.container.ContainerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one job's commands in sequence in its fresh working directory, exception-safe in the sense
 * of seed 001's subprocess helpers: whatever a command does (crash, hang, flood its output, fork
 * and leave children behind), the job ends exactly once with an outcome and the agent is unharmed.
 * A timeout or cancel ends the command's whole process tree; a command's leftovers are ended when
 * it exits.
 */
final class JobExecution implements Runnable {

  private static final Duration TICK = Duration.ofMillis(100);
  private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** What the execution needs of the agent. */
  record Context(
      ContainerEngine engines,
      boolean imagesOnHost,
      Optional<RunAs> runAs,
      long outputCap,
      Duration killGrace,
      Clock clock) {}

  private final Job job;
  private final Context context;
  private final Consumer<Job> ended;

  JobExecution(Job job, Context context, Consumer<Job> ended) {
    this.job = job;
    this.context = context;
    this.ended = ended;
  }

  @Override
  public void run() {
    CappedLog log = null;
    try {
      log = new CappedLog(job.logFile(), context.outputCap());
      execute(log);
    } catch (Throwable t) {
      // seed 001: whatever goes wrong is the job's outcome, never the agent's crash
      end(
          Outcome.INFRA_FAILURE,
          "the agent failed to run the job (" + t.getClass().getSimpleName() + ")",
          null);
      if (t instanceof Error error && !(t instanceof StackOverflowError)) {
        throw error;
      }
    } finally {
      job.current().ifPresent(c -> c.end(context.killGrace()));
      if (log != null) {
        if (log.dropped() > 0) {
          log.note("dropped " + log.dropped() + " bytes of output past the cap");
        }
        log.close();
      }
    }
  }

  private void execute(CappedLog log) throws IOException {
    JobSpec spec = job.spec();
    Path cwd = job.workDir().resolve(spec.workdir());
    Files.createDirectories(cwd);
    Files.createDirectories(job.resultsFile().getParent());
    if (context.runAs().isPresent() && CommandLauncher.runningAsRoot()) {
      handOver(job.workDir(), context.runAs().get());
    }
    String image = spec.image();
    Optional<String> engine = Optional.empty();
    if (image != null) {
      ContainerEngine.Found found = context.engines().find();
      engine = found.executable();
      if (engine.isEmpty()) {
        if (!context.imagesOnHost()) {
          String why =
              "image "
                  + image
                  + " needs a container engine and none works here ("
                  + found.why()
                  + "); gort.local-runner.images-on-host=true runs such jobs on the host";
          log.note(why);
          end(Outcome.INFRA_FAILURE, why, null);
          return;
        }
        log.note(
            "no container engine ("
                + found.why()
                + "): running image "
                + image
                + " on the host (images-on-host)");
        image = null;
      }
    }
    CommandLauncher launcher = new CommandLauncher(context.runAs(), engine);
    Instant deadline = context.clock().instant().plus(spec.timeout());
    for (int i = 0; i < spec.commands().size(); i++) {
      String command = spec.commands().get(i);
      String name = "command " + (i + 1);
      if (job.cancelReason().isPresent()) {
        skipRest(i);
        end(job.cancelOutcome(), job.cancelReason().get(), null);
        return;
      }
      log.note("$ " + command);
      Instant started = context.clock().instant();
      RunningCommand running;
      try {
        running =
            launcher.start(
                new Launch(
                    command,
                    job.workDir(),
                    spec.workdir(),
                    environment(job.resultsFile().toString()),
                    Map.of(
                        "GORT_RESULTS_FILE",
                        CommandLauncher.CONTAINER_WORK + "/.gort/results.json",
                        "HOME",
                        CommandLauncher.CONTAINER_WORK,
                        "TMPDIR",
                        "/tmp"),
                    image,
                    "gort-" + job.id() + "-" + (i + 1)),
                log);
      } catch (IOException e) {
        String why = name + " could not be started: " + e.getMessage();
        log.note(why);
        end(Outcome.INFRA_FAILURE, why, null);
        return;
      }
      job.current(running);
      Optional<Integer> exit = Optional.empty();
      while (exit.isEmpty()) {
        exit = running.exitWithin(TICK);
        if (exit.isPresent()) {
          break;
        }
        Optional<String> cancel = job.cancelReason();
        if (cancel.isPresent()) {
          boolean gone = running.end(context.killGrace());
          log.note("cancelled: " + cancel.get() + (gone ? "; all its processes ended" : ""));
          result(name, "failed", started, "cancelled");
          skipRest(i + 1);
          end(job.cancelOutcome(), cancel.get(), null);
          return;
        }
        if (!context.clock().instant().isBefore(deadline)) {
          boolean gone = running.end(context.killGrace());
          String why =
              "timed out after "
                  + spec.timeout()
                  + " in "
                  + name
                  + (gone ? "; all its processes ended" : "");
          log.note(why);
          result(name, "failed", started, "timed out");
          skipRest(i + 1);
          end(Outcome.TIMEOUT, why, null);
          return;
        }
      }
      running.finish(context.killGrace());
      job.current(null);
      int code = exit.get();
      log.note(name + " exited with " + code);
      if (code != 0) {
        result(name, "failed", started, "exited with " + code);
        skipRest(i + 1);
        end(Outcome.FAILED, name + " exited with " + code, code);
        return;
      }
      result(name, "passed", started, null);
    }
    end(Outcome.PASSED, "all " + spec.commands().size() + " commands exited with 0", 0);
  }

  private Map<String, String> environment(String resultsFile) {
    JobSpec spec = job.spec();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", PATH);
    env.put("HOME", job.workDir().toString());
    env.put("TMPDIR", job.workDir().toString());
    env.put("LANG", "C.UTF-8");
    env.putAll(spec.env());
    env.put("GORT_RESULTS_FILE", resultsFile);
    env.put("GORT_JOB_ID", job.id());
    env.put("GORT_ATTEMPT", Integer.toString(spec.attempt()));
    env.put("GORT_KIND", spec.kind());
    if (spec.runId() != null) {
      env.put("GORT_RUN_ID", spec.runId());
    }
    if (spec.experiment() != null) {
      env.put("GORT_EXPERIMENT", spec.experiment());
    }
    if (spec.revision() != null) {
      env.put("GORT_REVISION", spec.revision());
    }
    return env;
  }

  private void result(String name, String status, Instant started, String message) {
    long ms = Math.max(0, Duration.between(started, context.clock().instant()).toMillis());
    job.commandEnded(new CommandResult(name, status, ms, message));
  }

  private void skipRest(int from) {
    for (int i = from; i < job.spec().commands().size(); i++) {
      job.commandEnded(new CommandResult("command " + (i + 1), "skipped", 0, "not run"));
    }
  }

  private void end(Outcome outcome, String detail, Integer exitCode) {
    if (job.end(outcome, detail, exitCode, context.clock().instant())) {
      ended.accept(job);
    }
  }

  /** The working directory belongs to the unprivileged user the commands run as. */
  private static void handOver(Path dir, RunAs user) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(p, "unix:uid", user.uid(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", user.gid(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
      }
    }
  }
}
