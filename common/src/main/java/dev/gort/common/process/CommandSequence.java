package dev.gort.common.process;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a script's commands in sequence, each a process started by a {@link CommandLauncher} with
 * its output in one {@link CappedLog}, and stops at the first that does not exit 0. Every tick it
 * looks whether the running command exited, whether a halt was asked for (then its whole process
 * tree is ended), and whether the deadline passed (likewise). A command that exits is {@linkplain
 * RunningCommand#finish finished}: what it left running is ended and its output is all in the log.
 *
 * <p>The log gets {@code $ <command>} before each command and the reason when one cannot be
 * started; everything else the caller says in its own words, from the {@link Listener} and the
 * {@link SequenceOutcome}. The command line's own job ({@code gort run --local}) and the local
 * runner's agent both run their jobs with it.
 */
public final class CommandSequence {

  /** Makes the launch of command {@code index} (from 0), whose command line is {@code command}. */
  @FunctionalInterface
  public interface LaunchFor {
    Launch launch(int index, String command);
  }

  /**
   * What a caller hears while the sequence runs; both run on the sequence's thread, and an
   * exception they throw leaves the sequence (the running command's tree is ended first).
   */
  public interface Listener {

    /**
     * Command {@code index} started; until {@link #ended} it is {@code running} (a caller that must
     * end it from elsewhere, say a {@code finally} of its own, can hold it from here).
     */
    default void started(int index, RunningCommand running) {}

    /** Command {@code index} ended; not called for one that could not be started. */
    default void ended(CommandEnd end) {}
  }

  /** How one command ended. */
  public enum Ending {
    /** Its own process exited (with {@link CommandEnd#exitCode}). */
    EXITED,
    /** The deadline passed: its tree was ended. */
    TIMED_OUT,
    /** A halt was asked for: its tree was ended. */
    HALTED
  }

  /**
   * One command's end.
   *
   * @param index the command's index, from 0
   * @param ending how it ended
   * @param exitCode its exit code when it {@linkplain Ending#EXITED exited}, else null
   * @param took from just before it was started to its end
   */
  public record CommandEnd(int index, Ending ending, Integer exitCode, Duration took) {

    /** Whether it exited 0. */
    public boolean passed() {
      return ending == Ending.EXITED && exitCode == 0;
    }
  }

  private final CommandLauncher launcher;
  private final CappedLog log;
  private final Clock clock;
  private final Duration tick;
  private final Duration killGrace;
  private volatile RunningCommand current;

  /**
   * @param tick how long to wait for the running command's exit between looks at the halt and the
   *     deadline
   * @param killGrace between SIGTERM and SIGKILL when a command's tree is ended
   */
  public CommandSequence(
      CommandLauncher launcher, CappedLog log, Clock clock, Duration tick, Duration killGrace) {
    this.launcher = launcher;
    this.log = log;
    this.clock = clock;
    this.tick = tick;
    this.killGrace = killGrace;
  }

  /** How the log and the callers name command {@code index} (from 0): {@code command 1}, ... */
  public static String name(int index) {
    return "command " + (index + 1);
  }

  /** The command running now, if one is. */
  public Optional<RunningCommand> current() {
    return Optional.ofNullable(current);
  }

  /**
   * Runs {@code commands} until one does not exit 0, the {@code timeout} (from now) passes, or
   * {@code haltReason} gives a reason.
   *
   * @throws RuntimeException what {@code launches} or {@code listener} threw (nothing is left
   *     running)
   */
  public SequenceOutcome run(
      List<String> commands,
      Duration timeout,
      LaunchFor launches,
      Supplier<Optional<String>> haltReason,
      Listener listener) {
    Instant deadline = clock.instant().plus(timeout);
    try {
      for (int i = 0; i < commands.size(); i++) {
        String command = commands.get(i);
        Optional<String> halt = haltReason.get();
        if (halt.isPresent()) {
          return new SequenceOutcome.Halted(halt.get(), i, false, true);
        }
        log.note("$ " + command);
        Instant started = clock.instant();
        RunningCommand running;
        try {
          running = launcher.start(launches.launch(i, command), log);
        } catch (IOException e) {
          String why = name(i) + " could not be started: " + e.getMessage();
          log.note(why);
          return new SequenceOutcome.NotStarted(i, why);
        }
        current = running;
        listener.started(i, running);
        SequenceOutcome stopped = await(i, running, started, deadline, haltReason, listener);
        if (stopped != null) {
          return stopped;
        }
      }
      return new SequenceOutcome.Passed(commands.size());
    } finally {
      RunningCommand left = current;
      current = null;
      if (left != null) {
        // only when the sequence leaves by an exception: every other way ends or finishes it
        left.end(killGrace);
      }
    }
  }

  /** Waits for command {@code i} to end; null when it exited 0 and the sequence goes on. */
  private SequenceOutcome await(
      int i,
      RunningCommand running,
      Instant started,
      Instant deadline,
      Supplier<Optional<String>> haltReason,
      Listener listener) {
    while (true) {
      Optional<Integer> exit = running.exitWithin(tick);
      if (exit.isPresent()) {
        running.finish(killGrace);
        current = null;
        int code = exit.get();
        listener.ended(new CommandEnd(i, Ending.EXITED, code, since(started)));
        return code == 0 ? null : new SequenceOutcome.Exited(code, i);
      }
      Optional<String> halt = haltReason.get();
      if (halt.isPresent()) {
        boolean gone = running.end(killGrace);
        current = null;
        listener.ended(new CommandEnd(i, Ending.HALTED, null, since(started)));
        return new SequenceOutcome.Halted(halt.get(), i, true, gone);
      }
      if (!clock.instant().isBefore(deadline)) {
        boolean gone = running.end(killGrace);
        current = null;
        listener.ended(new CommandEnd(i, Ending.TIMED_OUT, null, since(started)));
        return new SequenceOutcome.TimedOut(i, gone);
      }
    }
  }

  private Duration since(Instant started) {
    Duration took = Duration.between(started, clock.instant());
    return took.isNegative() ? Duration.ZERO : took;
  }
}
