package dev.gort.common.process;

/**
 * How a {@link CommandSequence} ended: every command exited 0, or it stopped at one command (its
 * index, from 0) because that command exited non-zero, ran past the deadline, was halted, or could
 * not be started. A halt seen between two commands stops the sequence before the next one starts.
 */
public sealed interface SequenceOutcome {

  /** The index of the first command that was never started ({@code commands} when all were). */
  int firstNotStarted();

  /** Every one of the {@code commands} exited 0. */
  record Passed(int commands) implements SequenceOutcome {
    @Override
    public int firstNotStarted() {
      return commands;
    }
  }

  /** Command {@code commandIndex} exited with {@code code} (not 0); the rest did not run. */
  record Exited(int code, int commandIndex) implements SequenceOutcome {
    @Override
    public int firstNotStarted() {
      return commandIndex + 1;
    }
  }

  /**
   * The deadline passed while command {@code commandIndex} ran: its process tree was ended ({@code
   * treeEnded}: none of its processes is left).
   */
  record TimedOut(int commandIndex, boolean treeEnded) implements SequenceOutcome {
    @Override
    public int firstNotStarted() {
      return commandIndex + 1;
    }
  }

  /**
   * The halt {@code reason} came while command {@code commandIndex} ran ({@code duringCommand}: its
   * process tree was ended, {@code treeEnded} saying whether none of its processes is left) or
   * before it started.
   */
  record Halted(String reason, int commandIndex, boolean duringCommand, boolean treeEnded)
      implements SequenceOutcome {
    @Override
    public int firstNotStarted() {
      return duringCommand ? commandIndex + 1 : commandIndex;
    }
  }

  /** Command {@code commandIndex} could not be started; {@code why} is the line the log has. */
  record NotStarted(int commandIndex, String why) implements SequenceOutcome {
    @Override
    public int firstNotStarted() {
      return commandIndex;
    }
  }
}
