package dev.gort.localrunner.job;

import dev.gort.common.process.CappedLog;
import dev.gort.common.process.CommandLauncher;
import dev.gort.common.process.CommandSequence;
import dev.gort.common.process.Launch;
import dev.gort.common.process.RunAs;
import dev.gort.common.process.RunningCommand;
import dev.gort.common.process.SequenceOutcome;
import dev.gort.localrunner.container.ContainerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    String runIn = image;
    CommandSequence sequence =
        new CommandSequence(
            new CommandLauncher(context.runAs(), engine),
            log,
            context.clock(),
            TICK,
            context.killGrace());
    SequenceOutcome outcome =
        sequence.run(
            spec.commands(),
            spec.timeout(),
            (i, command) ->
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
                    runIn,
                    "gort-" + job.id() + "-" + (i + 1)),
            job::cancelReason,
            new CommandSequence.Listener() {
              @Override
              public void started(int index, RunningCommand running) {
                job.current(running);
              }

              @Override
              public void ended(CommandSequence.CommandEnd end) {
                job.current(null);
                String name = CommandSequence.name(end.index());
                if (end.ending() == CommandSequence.Ending.EXITED) {
                  log.note(name + " exited with " + end.exitCode());
                }
                String message =
                    switch (end.ending()) {
                      case EXITED -> end.passed() ? null : "exited with " + end.exitCode();
                      case TIMED_OUT -> "timed out";
                      case HALTED -> "cancelled";
                    };
                job.commandEnded(
                    new CommandResult(
                        name,
                        end.passed() ? "passed" : "failed",
                        Math.max(0, end.took().toMillis()),
                        message));
              }
            });
    finish(outcome, log);
  }

  /** Ends the job as the sequence ended, the commands it did not start skipped. */
  private void finish(SequenceOutcome outcome, CappedLog log) {
    JobSpec spec = job.spec();
    if (outcome instanceof SequenceOutcome.NotStarted notStarted) {
      end(Outcome.INFRA_FAILURE, notStarted.why(), null);
      return;
    }
    skipRest(outcome.firstNotStarted());
    if (outcome instanceof SequenceOutcome.Exited exited) {
      String name = CommandSequence.name(exited.commandIndex());
      end(Outcome.FAILED, name + " exited with " + exited.code(), exited.code());
    } else if (outcome instanceof SequenceOutcome.TimedOut timedOut) {
      String why =
          "timed out after "
              + spec.timeout()
              + " in "
              + CommandSequence.name(timedOut.commandIndex())
              + (timedOut.treeEnded() ? "; all its processes ended" : "");
      log.note(why);
      end(Outcome.TIMEOUT, why, null);
    } else if (outcome instanceof SequenceOutcome.Halted halt) {
      if (halt.duringCommand()) {
        log.note(
            "cancelled: " + halt.reason() + (halt.treeEnded() ? "; all its processes ended" : ""));
      }
      end(job.cancelOutcome(), halt.reason(), null);
    } else {
      end(Outcome.PASSED, "all " + spec.commands().size() + " commands exited with 0", 0);
    }
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
