package dev.gort.console.pipelines;

import dev.gort.console.web.PageInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The step actions of seed 001's WorkflowAPIHandler as the page offers them: their API names, in
 * the order the page lists them, with the words on their buttons.
 */
public final class StepActions {

  public static final String SEND_MESSAGE = "send-message";

  /** A step has at most a few dozen; more in one form is not a form of this console. */
  static final int MAX_STEPS = 500;

  /** The scheduler's limit on a message (a JSON string value of the action's body). */
  static final int MAX_MESSAGE_CHARS = 4096;

  /** One action: its API name and its button's verb. */
  public record Choice(String name, String verb) {
    public boolean needsMessage() {
      return name.equals(SEND_MESSAGE);
    }

    public String previewLabel() {
      return "Preview " + verb.toLowerCase(java.util.Locale.ROOT);
    }
  }

  static final List<Choice> ALL =
      List.of(
          new Choice("start", "Start"),
          new Choice(SEND_MESSAGE, "Answer"),
          new Choice("pause", "Pause"),
          new Choice("resume", "Resume"),
          new Choice("interrupt", "Interrupt"),
          new Choice("rerun", "Rerun"),
          new Choice("skip", "Skip"),
          new Choice("unskip", "Unskip"));

  private StepActions() {}

  /** The choices among {@code allowed} (the step's API names), in the page's order. */
  static List<Choice> choicesOf(List<String> allowed) {
    return ALL.stream().filter(c -> allowed.contains(c.name())).toList();
  }

  /** The action a form names; an unknown one is refused. */
  static Choice of(String name) {
    for (Choice choice : ALL) {
      if (choice.name().equals(name)) {
        return choice;
      }
    }
    throw new PageInputException("action must be one of the step actions");
  }

  /** The form's {@code step} fields: at least one, blanks and repeats left out. */
  static List<String> steps(List<String> fields) {
    Set<String> steps = new LinkedHashSet<>();
    if (fields != null) {
      for (String field : fields) {
        if (field != null && !field.isBlank()) {
          steps.add(field.strip());
        }
      }
    }
    if (steps.isEmpty()) {
      // the API acts on every step when none is named: a form never means that
      throw new PageInputException("name at least one step");
    }
    if (steps.size() > MAX_STEPS) {
      throw new PageInputException("too many steps in one action");
    }
    return new ArrayList<>(steps);
  }

  /** send-message's message (required, at most {@link #MAX_MESSAGE_CHARS}); null for others. */
  static String message(Choice action, String field) {
    if (!action.needsMessage()) {
      return null;
    }
    if (field == null || field.isBlank()) {
      throw new PageInputException("an answer needs a message");
    }
    if (field.length() > MAX_MESSAGE_CHARS) {
      throw new PageInputException("a message is at most " + MAX_MESSAGE_CHARS + " characters");
    }
    return field;
  }
}
