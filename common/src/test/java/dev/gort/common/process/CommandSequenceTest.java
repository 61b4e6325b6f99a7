package dev.gort.common.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes through /bin/sh: every way a sequence of commands can end. */
class CommandSequenceTest {

  private static final Duration TICK = Duration.ofMillis(20);
  private static final Duration GRACE = Duration.ofSeconds(1);

  @TempDir Path dir;
  private Path work;
  private CappedLog log;
  private final List<CommandSequence.CommandEnd> ends = new ArrayList<>();
  private final List<Integer> starts = new ArrayList<>();

  private final CommandSequence.Listener listener =
      new CommandSequence.Listener() {
        @Override
        public void started(int index, RunningCommand running) {
          starts.add(index);
        }

        @Override
        public void ended(CommandSequence.CommandEnd end) {
          ends.add(end);
        }
      };

  @BeforeEach
  void openLog() throws IOException {
    work = Files.createDirectories(dir.resolve("work"));
    log = new CappedLog(dir.resolve("output.log"), 64 * 1024);
  }

  @AfterEach
  void closeLog() {
    log.close();
  }

  private CommandSequence sequence() {
    return new CommandSequence(
        new CommandLauncher(Optional.empty(), Optional.empty()),
        log,
        Clock.systemUTC(),
        TICK,
        GRACE);
  }

  private SequenceOutcome run(
      Duration timeout, Supplier<Optional<String>> halt, String... commands) {
    return sequence().run(List.of(commands), timeout, this::launch, halt, listener);
  }

  private SequenceOutcome run(String... commands) {
    return run(Duration.ofSeconds(30), Optional::empty, commands);
  }

  private Launch launch(int index, String command) {
    return launchIn(work, index, command);
  }

  private static Launch launchIn(Path root, int index, String command) {
    return new Launch(
        command,
        root,
        "",
        Map.of("PATH", "/usr/bin:/bin", "HOME", root.toString()),
        Map.of(),
        null,
        "gort-test-" + (index + 1));
  }

  private String logText() throws IOException {
    return Files.readString(log.file());
  }

  private long pid(String file) throws IOException {
    return Long.parseLong(Files.readString(work.resolve(file)).trim());
  }

  @Test
  void everyCommandExitingZeroPassesWithAllOutputInTheLog() throws IOException {
    SequenceOutcome outcome = run("echo one", "echo two >&2", "test \"$HOME\" = \"$PWD\"");

    assertThat(outcome).isEqualTo(new SequenceOutcome.Passed(3));
    assertThat(outcome.firstNotStarted()).isEqualTo(3);
    assertThat(starts).containsExactly(0, 1, 2);
    assertThat(ends).extracting(CommandSequence.CommandEnd::index).containsExactly(0, 1, 2);
    assertThat(ends).allMatch(CommandSequence.CommandEnd::passed);
    assertThat(logText())
        .contains("[gort] $ echo one\none\n")
        .contains("[gort] $ echo two >&2\ntwo\n");
  }

  @Test
  void aNonZeroExitStopsTheRest() throws IOException {
    SequenceOutcome outcome = run("true", "echo partial; exit 3", "touch never-run");

    assertThat(outcome).isEqualTo(new SequenceOutcome.Exited(3, 1));
    assertThat(outcome.firstNotStarted()).isEqualTo(2);
    assertThat(starts).containsExactly(0, 1);
    assertThat(ends.get(1).ending()).isEqualTo(CommandSequence.Ending.EXITED);
    assertThat(ends.get(1).exitCode()).isEqualTo(3);
    assertThat(ends.get(1).passed()).isFalse();
    assertThat(work.resolve("never-run")).doesNotExist();
    assertThat(logText()).contains("partial").doesNotContain("touch never-run");
  }

  @Test
  void theDeadlineEndsTheWholeTreeOfTheCommandRunning() throws IOException {
    long began = System.nanoTime();
    SequenceOutcome outcome =
        run(
            Duration.ofSeconds(1),
            Optional::empty,
            "sleep 100 & echo $! > child.pid; sleep 100",
            "touch never-run");

    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
    assertThat(outcome).isEqualTo(new SequenceOutcome.TimedOut(0, true));
    assertThat(ProcessTree.running(pid("child.pid"))).isFalse();
    assertThat(ends)
        .singleElement()
        .satisfies(
            end -> {
              assertThat(end.ending()).isEqualTo(CommandSequence.Ending.TIMED_OUT);
              assertThat(end.exitCode()).isNull();
              assertThat(end.took()).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            });
    assertThat(work.resolve("never-run")).doesNotExist();
  }

  @Test
  void aHaltMidCommandEndsItsTreeAndStartsNothingMore() throws IOException {
    Path childPid = work.resolve("child.pid");
    SequenceOutcome outcome =
        run(
            Duration.ofSeconds(30),
            () -> Files.exists(childPid) ? Optional.of("stop, please") : Optional.empty(),
            "true",
            "sh -c 'sleep 100' & echo $! > child.pid.tmp; mv child.pid.tmp child.pid; wait",
            "touch never-run");

    assertThat(outcome).isEqualTo(new SequenceOutcome.Halted("stop, please", 1, true, true));
    assertThat(outcome.firstNotStarted()).isEqualTo(2);
    assertThat(ProcessTree.running(pid("child.pid"))).isFalse();
    assertThat(ends)
        .extracting(CommandSequence.CommandEnd::ending)
        .containsExactly(CommandSequence.Ending.EXITED, CommandSequence.Ending.HALTED);
    assertThat(work.resolve("never-run")).doesNotExist();
  }

  @Test
  void aHaltBeforeACommandStartsItNot() throws IOException {
    SequenceOutcome outcome =
        run(Duration.ofSeconds(30), () -> Optional.of("stopping"), "touch never-run");

    assertThat(outcome).isEqualTo(new SequenceOutcome.Halted("stopping", 0, false, true));
    assertThat(outcome.firstNotStarted()).isZero();
    assertThat(starts).isEmpty();
    assertThat(ends).isEmpty();
    assertThat(work.resolve("never-run")).doesNotExist();
    assertThat(logText()).isEmpty();
  }

  @Test
  void aCommandThatCannotBeStartedStopsTheSequenceSayingWhy() throws IOException {
    Path missing = dir.resolve("no-such-directory");
    SequenceOutcome outcome =
        sequence()
            .run(
                List.of("true", "touch never-run"),
                Duration.ofSeconds(30),
                (i, command) -> launchIn(missing, i, command),
                Optional::empty,
                listener);

    assertThat(outcome).isInstanceOf(SequenceOutcome.NotStarted.class);
    SequenceOutcome.NotStarted notStarted = (SequenceOutcome.NotStarted) outcome;
    assertThat(notStarted.commandIndex()).isZero();
    assertThat(notStarted.why()).startsWith("command 1 could not be started: ");
    assertThat(starts).isEmpty();
    assertThat(ends).isEmpty();
    assertThat(logText()).contains("[gort] " + notStarted.why());
  }

  @Test
  void aListenerThatThrowsLeavesNothingRunning() throws IOException {
    Path childPid = work.resolve("child.pid");
    CommandSequence sequence = sequence();
    RuntimeException thrown = null;
    try {
      sequence.run(
          List.of("sleep 100 & echo $! > child.pid.tmp; mv child.pid.tmp child.pid; wait"),
          Duration.ofSeconds(30),
          this::launch,
          () -> {
            if (Files.exists(childPid)) {
              throw new IllegalStateException("the halt check broke");
            }
            return Optional.empty();
          },
          listener);
    } catch (IllegalStateException e) {
      thrown = e;
    }

    assertThat(thrown).hasMessage("the halt check broke");
    assertThat(sequence.current()).isEmpty();
    assertThat(ProcessTree.running(pid("child.pid"))).isFalse();
  }
}
