package dev.gort.scheduler.pipeline;

import java.util.List;
import java.util.Map;

/**
 * {@code POST …/steps:{action}}: which steps (by ids, states and tags, all given must match; none
 * given: every step), whether only to see what would change, and send-message's message.
 */
public record StepActionRequest(
    List<String> ids,
    List<String> states,
    Map<String, String> tags,
    Boolean dryRun,
    String message) {}
