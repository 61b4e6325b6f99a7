package dev.gort.gateway.runner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every {@link Runner} bean, by runner code. */
@ApplicationScoped
public class RunnerRegistry {

  private final Map<String, Runner> byCode = new TreeMap<>();

  @Inject
  public RunnerRegistry(Instance<Runner> runners) {
    for (Runner runner : runners) {
      Runner before = byCode.put(runner.code(), runner);
      if (before != null) {
        throw new IllegalStateException(
            "two runners with code " + runner.code() + ": " + before + " and " + runner);
      }
    }
  }

  public Optional<Runner> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** Every runner, in code order. */
  public List<Runner> all() {
    return List.copyOf(byCode.values());
  }
}
