package dev.gort.common.process;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A started command: its process, its process tree and the thread copying its output into the job's
 * log. Every method is safe to call from any thread, and none throws.
 */
public final class RunningCommand {

  private final Process process;
  private final ProcessTree tree;
  private final Thread pump;
  private final Runnable stopContainer;

  RunningCommand(Process process, Thread pump, Runnable stopContainer) {
    this.process = process;
    this.tree = new ProcessTree(process.pid());
    this.pump = pump;
    this.stopContainer = stopContainer;
  }

  public ProcessTree tree() {
    return tree;
  }

  /** The exit code once the command's own process has exited within {@code wait}, else empty. */
  public Optional<Integer> exitWithin(Duration wait) {
    try {
      if (process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        return Optional.of(process.exitValue());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  /** Ends the command's whole tree (and its container): SIGTERM, then SIGKILL after the grace. */
  public boolean end(Duration grace) {
    stopContainer.run();
    boolean gone = tree.end(grace);
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    return gone;
  }

  /**
   * After the command's own process exited: ends what it left running (a job leaves nothing behind)
   * and waits for its output to be copied, so the log is complete.
   */
  public void finish(Duration grace) {
    end(grace);
    try {
      pump.join(grace.toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
