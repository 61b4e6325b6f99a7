package dev.gort.localrunner.container;

import dev.gort.localrunner.config.LocalRunnerConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The container engine jobs with an image run in: {@code docker} or {@code podman}, whichever is on
 * the PATH and answers {@code info} (a client without a daemon does not count). Looked for once, at
 * the first job with an image.
 */
@Singleton
public class ContainerEngine {

  private static final Logger LOG = Logger.getLogger(ContainerEngine.class);

  /** The engine found, or why there is none. */
  public record Found(Optional<String> executable, String why) {}

  private final String setting;
  private volatile Found found;

  @Inject
  public ContainerEngine(LocalRunnerConfig config) {
    this(config.containerEngine());
  }

  ContainerEngine(String setting) {
    this.setting = setting;
  }

  public synchronized Found find() {
    if (found == null) {
      found = look();
      LOG.infof("container engine: %s", found.executable().orElse("none (" + found.why() + ")"));
    }
    return found;
  }

  private Found look() {
    List<String> candidates =
        switch (setting) {
          case "none" -> List.of();
          case "docker", "podman" -> List.of(setting);
          default -> List.of("docker", "podman");
        };
    if (candidates.isEmpty()) {
      return new Found(Optional.empty(), "gort.local-runner.container-engine is none");
    }
    StringBuilder why = new StringBuilder();
    for (String name : candidates) {
      Optional<Path> exe = onPath(name);
      if (exe.isEmpty()) {
        why.append(why.isEmpty() ? "" : "; ").append(name).append(" is not installed");
        continue;
      }
      if (answersInfo(exe.get())) {
        return new Found(Optional.of(exe.get().toString()), "");
      }
      why.append(why.isEmpty() ? "" : "; ").append(name).append(" info failed (no engine running)");
    }
    return new Found(Optional.empty(), why.toString());
  }

  private static Optional<Path> onPath(String name) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean answersInfo(Path exe) {
    try {
      Process info =
          new ProcessBuilder(exe.toString(), "info")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!info.waitFor(15, TimeUnit.SECONDS)) {
        info.destroyForcibly();
        return false;
      }
      return info.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
