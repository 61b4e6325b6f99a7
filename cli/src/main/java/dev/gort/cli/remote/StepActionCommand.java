package dev.gort.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.cli.GortCommand;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.http.Json;
import dev.gort.cli.output.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gort pause|resume|interrupt|rerun|skip|unskip RUN}: seed 001's step actions on the steps
 * selected by id, state and tag (all given must match; none given: every step), or with {@code
 * --dry-run} only what would change. Prints the steps changed and those refused with the reason;
 * exits 2 when every selected step was refused.
 */
public abstract class StepActionCommand implements Callable<Integer> {

  @ParentCommand GortCommand gort;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "The run's id.")
  String run;

  @Option(names = "--step", paramLabel = "ID", description = "This step (repeat for more).")
  List<String> steps = new ArrayList<>();

  @Option(
      names = "--state",
      paramLabel = "S",
      description = "Steps in this state (repeat for more).")
  List<String> states = new ArrayList<>();

  @Option(
      names = "--tag",
      paramLabel = "K=V",
      description = "Steps with this tag (repeat: all must match).")
  Map<String, String> tags = new LinkedHashMap<>();

  @Option(names = "--dry-run", description = "Only say what would change; change nothing.")
  boolean dryRun;

  private final String action;
  private final String done;

  /**
   * @param action the API's action name
   * @param done how a changed step is said to be afterwards ("paused")
   */
  StepActionCommand(String action, String done) {
    this.action = action;
    this.done = done;
  }

  /** The action's name in the API ({@code pause}). */
  String action() {
    return action;
  }

  /** What a changed step became ({@code paused}). */
  String done() {
    return done;
  }

  @Override
  public Integer call() {
    Remote remote = Remote.of(gort, spec);
    ObjectNode selection = Json.MAPPER.createObjectNode();
    if (!steps.isEmpty()) {
      steps.forEach(selection.putArray("ids")::add);
    }
    if (!states.isEmpty()) {
      states.forEach(selection.putArray("states")::add);
    }
    if (!tags.isEmpty()) {
      ObjectNode tagNode = selection.putObject("tags");
      tags.forEach(tagNode::put);
    }
    selection.put("dryRun", dryRun);
    extend(selection);
    JsonNode answer = remote.client().act(run, action(), selection);
    remote.printer().printText(answer, this::render);
    if (answer.path("changed").isEmpty() && !answer.path("refused").isEmpty()) {
      throw CliFailure.usage(
          action()
              + " "
              + run
              + ": refused for every selected step"
              + (dryRun ? " (dry run)" : ""));
    }
    return 0;
  }

  /** What the action adds to the request (send-message's message). */
  void extend(ObjectNode selection) {}

  String render(JsonNode answer) {
    boolean dry = answer.path("dryRun").asBoolean(dryRun);
    StringBuilder out = new StringBuilder();
    if (answer.path("changed").isEmpty() && answer.path("refused").isEmpty()) {
      out.append("no step matches").append('\n');
    } else {
      Table table = Table.of("STEP", "RESULT", "STATE", "REASON");
      for (JsonNode id : answer.path("changed")) {
        table.row(id.asText(), dry ? "would be " + done() : done(), null, null);
      }
      for (JsonNode refused : answer.path("refused")) {
        table.row(
            Json.text(refused, "id"),
            "refused",
            Json.text(refused, "state"),
            Json.text(refused, "reason"));
      }
      out.append(table.render());
    }
    if (dry) {
      out.append("dry run: nothing changed").append('\n');
    }
    return out.toString();
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Pause steps (a running step is marked to pause when it ends).")
  public static class Pause extends StepActionCommand {
    public Pause() {
      super("pause", "paused");
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Resume paused or interrupted steps.")
  public static class Resume extends StepActionCommand {
    public Resume() {
      super("resume", "resumed");
    }
  }

  @Command(
      name = "interrupt",
      mixinStandardHelpOptions = true,
      description = "Interrupt running steps (their jobs' processes are signalled).")
  public static class Interrupt extends StepActionCommand {
    public Interrupt() {
      super("interrupt", "interrupted");
    }
  }

  @Command(
      name = "rerun",
      mixinStandardHelpOptions = true,
      description = "Run paused, failed-and-paused or interrupted steps again (a new attempt).")
  public static class Rerun extends StepActionCommand {
    public Rerun() {
      super("rerun", "rerun");
    }
  }

  @Command(
      name = "skip",
      mixinStandardHelpOptions = true,
      description = "Skip steps that have not run (or are paused).")
  public static class Skip extends StepActionCommand {
    public Skip() {
      super("skip", "skipped");
    }
  }

  @Command(
      name = "unskip",
      mixinStandardHelpOptions = true,
      description = "Take back a skip not yet done.")
  public static class Unskip extends StepActionCommand {
    public Unskip() {
      super("unskip", "unskipped");
    }
  }
}
