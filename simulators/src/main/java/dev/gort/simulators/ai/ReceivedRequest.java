package dev.gort.simulators.ai;

import java.util.List;

/**
 * One chat completion request as {@code GET /sim/ai/requests} shows it: which decision (null: not
 * told apart), in which mode it was answered, with what status, and the content answered (cut at
 * {@link ModelBehaviour#MAX_ANSWER_CHARS}); {@code schemaProblems} lists where a good answer did
 * not match the schema sent (then it was answered 400: the simulator and the asker disagree).
 */
public record ReceivedRequest(
    long sequence,
    String receivedAt,
    String decision,
    String mode,
    String model,
    boolean strict,
    int status,
    String answer,
    List<String> schemaProblems) {}
