package dev.gort.cli.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.cli.exit.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gort send-message RUN --step ID --message TEXT}: the answer to a step waiting for input
 * (seed 001); the step then runs with it.
 */
@Command(
    name = "send-message",
    mixinStandardHelpOptions = true,
    description = "Send a message to a step (the answer to a step waiting for input).")
public class SendMessageCommand extends StepActionCommand {

  @Option(names = "--message", paramLabel = "TEXT", required = true, description = "The message.")
  String message;

  @Override
  public Integer call() {
    if (steps.isEmpty()) {
      throw CliFailure.usage("send-message needs --step ID: the step it is for");
    }
    return super.call();
  }

  @Override
  void extend(ObjectNode selection) {
    selection.put("message", message);
  }

  public SendMessageCommand() {
    super("send-message", "messaged");
  }
}
