package dev.gort.gateway.runner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every {@link RunnerClient} bean, by runner code. */
@ApplicationScoped
public class RunnerRegistry {

  private final Map<String, RunnerClient> byCode = new TreeMap<>();

  @Inject
  public RunnerRegistry(Instance<RunnerClient> runners) {
    for (RunnerClient runner : runners) {
      byCode.put(runner.code(), runner);
    }
  }

  public Optional<RunnerClient> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  public Map<String, RunnerClient> all() {
    return Map.copyOf(byCode);
  }
}
