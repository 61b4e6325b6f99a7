package dev.gort.common.pipeline.run;

import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.StepState;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which steps an action or a listing concerns: by ids, by states, by tags. Every selector given
 * must match (AND); within ids or states any one matches; every tag given must be on the job with
 * that value. An empty selector selects every step.
 */
public record StepSelector(Set<String> ids, Set<StepState> states, Map<String, String> tags) {
  public static final StepSelector ALL = new StepSelector(Set.of(), Set.of(), Map.of());

  public StepSelector {
    ids = ids == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(ids));
    states = states == null ? Set.of() : Set.copyOf(states);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public static StepSelector ids(String... ids) {
    return new StepSelector(new LinkedHashSet<>(List.of(ids)), Set.of(), Map.of());
  }

  public static StepSelector states(StepState... states) {
    return new StepSelector(Set.of(), Set.of(states), Map.of());
  }

  public static StepSelector tags(Map<String, String> tags) {
    return new StepSelector(Set.of(), Set.of(), tags);
  }

  public boolean matches(Step step, JobSpec job) {
    if (!ids.isEmpty() && !ids.contains(step.job())) {
      return false;
    }
    if (!states.isEmpty() && !states.contains(step.state())) {
      return false;
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (!tag.getValue().equals(job.tags().get(tag.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
