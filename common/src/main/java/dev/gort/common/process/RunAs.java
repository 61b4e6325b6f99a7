package dev.gort.common.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** An unprivileged account the commands run as: its name, uid, gid and home, from /etc/passwd. */
public record RunAs(String name, int uid, int gid) {

  /** The account named {@code name} (or a numeric uid), if /etc/passwd has it. */
  public static Optional<RunAs> lookup(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
        String[] f = line.split(":", -1);
        if (f.length >= 4 && (f[0].equals(name) || f[2].equals(name))) {
          return Optional.of(new RunAs(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3])));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The uid the agent runs with, from /proc (-1 when it cannot tell). */
  public static int currentUid() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return ((Number) uid).intValue();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
