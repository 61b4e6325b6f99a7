package dev.gort.scheduler.pipeline;

import dev.gort.common.pipeline.StepState;
import dev.gort.common.pipeline.run.StepAction;
import dev.gort.common.pipeline.run.StepSelector;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Step selectors and filters as the API spells them: seed 001's state and action names. */
final class StepFilters {

  static final String TAG_PREFIX = "tag.";

  private StepFilters() {}

  static StepState state(String wireName) {
    for (StepState state : StepState.values()) {
      if (state.wireName().equals(wireName)) {
        return state;
      }
    }
    throw new ProblemException(
        400,
        "Bad Request",
        "state: "
            + Untrusted.quote(wireName)
            + " is not a step state; states: "
            + String.join(
                ", ", Arrays.stream(StepState.values()).map(StepState::wireName).toList()),
        Map.of("parameter", "state"));
  }

  /** {@code a,b} or a list of names: the states. */
  static Set<StepState> states(List<String> names) {
    Set<StepState> states = new LinkedHashSet<>();
    if (names != null) {
      for (String name : names) {
        for (String part : name.split(",")) {
          if (!part.isBlank()) {
            states.add(state(part.trim()));
          }
        }
      }
    }
    return states;
  }

  static StepAction action(String wireName, int status) {
    return StepAction.fromWireName(wireName)
        .orElseThrow(
            () ->
                new ProblemException(
                    status,
                    status == 404 ? "Not Found" : "Bad Request",
                    "no step action "
                        + Untrusted.quote(wireName)
                        + "; actions: "
                        + String.join(", ", actions()),
                    Map.of("actions", actions())));
  }

  static List<String> actions() {
    return Arrays.stream(StepAction.values()).map(StepAction::wireName).toList();
  }

  /** The {@code tag.<k>=<v>} parameters of a query. */
  static Map<String, String> tags(Map<String, ? extends List<String>> query) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends List<String>> e : query.entrySet()) {
      if (e.getKey().startsWith(TAG_PREFIX) && !e.getValue().isEmpty()) {
        tags.put(e.getKey().substring(TAG_PREFIX.length()), e.getValue().get(0));
      }
    }
    return tags;
  }

  static StepSelector selector(StepActionRequest request) {
    if (request == null) {
      return StepSelector.ALL;
    }
    return new StepSelector(
        request.ids() == null ? Set.of() : new LinkedHashSet<>(request.ids()),
        states(request.states()),
        request.tags());
  }
}
