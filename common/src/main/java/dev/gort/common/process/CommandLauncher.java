package dev.gort.common.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts a command the safe way: with {@code setsid} (so its tree can be found and ended), with
 * exactly the environment given (never the agent's, which holds its secrets), as the configured
 * unprivileged user when the agent is root, on the host or in a container, stdout and stderr going
 * to the job's capped log.
 */
public final class CommandLauncher {

  /** Where a job's working directory is mounted in its container. */
  public static final String CONTAINER_WORK = "/gort/work";

  private static final String SETSID = "/usr/bin/setsid";

  private final Optional<RunAs> runAs;
  private final Optional<String> engine;

  /**
   * @param runAs the user to run as; only applied through setpriv/runuser when the agent is root
   * @param engine the container engine's executable, for commands with an image
   */
  public CommandLauncher(Optional<RunAs> runAs, Optional<String> engine) {
    this.runAs = runAs;
    this.engine = engine;
  }

  public RunningCommand start(Launch launch, CappedLog log) throws IOException {
    boolean container = launch.image() != null;
    ProcessBuilder builder = new ProcessBuilder(argv(launch));
    builder.environment().clear();
    builder.environment().putAll(launch.env());
    builder.directory(
        container
            ? launch.workRoot().toFile()
            : launch.workRoot().resolve(launch.relativeCwd()).toFile());
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = builder.start();
    Thread pump = new Thread(() -> log.pump(process.getInputStream()), "job-output");
    pump.setDaemon(true);
    pump.start();
    Runnable stopContainer = container ? () -> removeContainer(launch.containerName()) : () -> {};
    return new RunningCommand(process, pump, stopContainer);
  }

  /** The command line that starts {@code launch}. */
  List<String> argv(Launch launch) {
    List<String> argv = new ArrayList<>();
    if (Files.isExecutable(Path.of(SETSID))) {
      argv.add(SETSID);
    }
    if (launch.image() != null) {
      argv.addAll(containerArgv(launch));
    } else {
      argv.addAll(userPrefix());
      argv.addAll(List.of("/bin/sh", "-c", launch.command()));
    }
    return argv;
  }

  private List<String> userPrefix() {
    if (runAs.isEmpty() || RunAs.currentUid() != 0) {
      return List.of();
    }
    RunAs user = runAs.get();
    if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      return List.of(
          "/usr/bin/setpriv",
          "--reuid=" + user.uid(),
          "--regid=" + user.gid(),
          "--init-groups",
          "--no-new-privs",
          "--");
    }
    return List.of("runuser", "-u", user.name(), "--");
  }

  private List<String> containerArgv(Launch launch) {
    List<String> argv = new ArrayList<>();
    argv.addAll(
        List.of(
            engine.orElseThrow(),
            "run",
            "--rm",
            "--init",
            "--name",
            launch.containerName(),
            "-v",
            launch.workRoot() + ":" + CONTAINER_WORK,
            "-w",
            launch.relativeCwd().isEmpty()
                ? CONTAINER_WORK
                : CONTAINER_WORK + "/" + launch.relativeCwd()));
    runAs.ifPresent(user -> argv.addAll(List.of("--user", user.uid() + ":" + user.gid())));
    for (String name : launch.env().keySet()) {
      if (name.equals("PATH")) {
        continue; // the image's own
      }
      // "-e NAME=value" would show values on the command line; "-e NAME" takes it from the
      // client's environment, except the few whose value differs inside the container
      String inside = launch.containerEnv().get(name);
      argv.addAll(List.of("-e", inside == null ? name : name + "=" + inside));
    }
    argv.addAll(List.of(launch.image(), "/bin/sh", "-c", launch.command()));
    return argv;
  }

  private void removeContainer(String name) {
    engine.ifPresent(
        exe -> {
          try {
            Process rm =
                new ProcessBuilder(exe, "rm", "-f", name)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!rm.waitFor(20, TimeUnit.SECONDS)) {
              rm.destroyForcibly();
            }
          } catch (IOException e) {
            // the process tree is ended all the same
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /** Whether this JVM runs as root (runs-as applies only then). */
  public static boolean runningAsRoot() {
    return RunAs.currentUid() == 0;
  }
}
