package dev.gort.common.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the container engine jobs with an image run in: {@code docker} or {@code podman}, whichever
 * is on the PATH and answers {@code info} (a client without a daemon does not count). Used by the
 * local runner agent and by {@code gort run --local}.
 */
public final class ContainerEngines {

  /** The engine found, or why there is none. */
  public record Found(Optional<String> executable, String why) {}

  private ContainerEngines() {}

  /**
   * @param setting {@code none}, {@code docker}, {@code podman}, or anything else for either
   * @param settingName how the caller's user sets it, named when it is {@code none}
   */
  public static Found find(String setting, String settingName) {
    List<String> candidates;
    if ("none".equals(setting)) {
      candidates = List.of();
    } else if ("docker".equals(setting) || "podman".equals(setting)) {
      candidates = List.of(setting);
    } else {
      candidates = List.of("docker", "podman");
    }
    if (candidates.isEmpty()) {
      return new Found(Optional.empty(), settingName + " is none");
    }
    StringBuilder why = new StringBuilder();
    for (String name : candidates) {
      Optional<Path> exe = onPath(name);
      if (exe.isEmpty()) {
        why.append(why.length() == 0 ? "" : "; ").append(name).append(" is not installed");
        continue;
      }
      if (answersInfo(exe.get())) {
        return new Found(Optional.of(exe.get().toString()), "");
      }
      why.append(why.length() == 0 ? "" : "; ")
          .append(name)
          .append(" info failed (no engine running)");
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
