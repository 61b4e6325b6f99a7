package dev.gort.common.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processes of one command: the command's own process (started with {@code setsid}, so it leads
 * a session and process group of its own), everything it started (its descendants), and whatever
 * stayed in its session or group after its parent exited and it was re-parented. Ending the tree
 * sends SIGTERM to all of them, then SIGKILL after a grace, and sweeps again until none is left (a
 * process that forks while it dies is caught by the next sweep). A process that leaves the session
 * on purpose ({@code setsid} of its own) escapes; only a container or cgroup stops that.
 */
public final class ProcessTree {

  private static final Path PROC = Path.of("/proc");
  private static final int MAX_SWEEPS = 20;

  private final long leader;

  public ProcessTree(long leader) {
    this.leader = leader;
  }

  public long leader() {
    return leader;
  }

  /** The live processes of the tree: not exited, not zombies. */
  public Set<Long> members() {
    Set<Long> pids = new TreeSet<>();
    ProcessHandle.of(leader)
        .ifPresent(
            root -> {
              if (running(root.pid())) {
                pids.add(root.pid());
              }
              root.descendants()
                  .map(ProcessHandle::pid)
                  .filter(ProcessTree::running)
                  .forEach(pids::add);
            });
    if (Files.isDirectory(PROC)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
        for (Path entry : entries) {
          long pid = Long.parseLong(entry.getFileName().toString());
          Optional<Stat> stat = stat(pid);
          if (stat.isPresent()
              && stat.get().alive()
              && (stat.get().group() == leader || stat.get().session() == leader)) {
            pids.add(pid);
          }
        }
      } catch (IOException | RuntimeException e) {
        // the descendants found above are still ended
      }
    }
    pids.remove(ProcessHandle.current().pid());
    return pids;
  }

  /**
   * Ends every process of the tree: SIGTERM, up to {@code grace} for them to go, then SIGKILL until
   * none is left.
   *
   * @return whether none is left
   */
  public boolean end(Duration grace) {
    Set<Long> members = members();
    if (members.isEmpty()) {
      return true;
    }
    members.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
    long until = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < until && !members().isEmpty()) {
      pause(50);
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      members = members();
      if (members.isEmpty()) {
        return true;
      }
      members.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      pause(50);
    }
    return members().isEmpty();
  }

  /** Whether the process exists and is neither a zombie nor dead. */
  public static boolean running(long pid) {
    Optional<Stat> stat = stat(pid);
    if (stat.isPresent()) {
      return stat.get().alive();
    }
    return !Files.isDirectory(PROC)
        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** What /proc/<pid>/stat says of a process: state, process group and session. */
  record Stat(char state, long group, long session) {
    boolean alive() {
      return state != 'Z' && state != 'X' && state != 'x';
    }
  }

  static Optional<Stat> stat(long pid) {
    try {
      String stat =
          Files.readString(
              PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
      // the command name is in parentheses and may hold spaces and parentheses: cut at the last ')'
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      return Optional.of(
          new Stat(fields[0].charAt(0), Long.parseLong(fields[2]), Long.parseLong(fields[3])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
