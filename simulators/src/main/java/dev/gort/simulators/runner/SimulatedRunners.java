package dev.gort.simulators.runner;

import dev.gort.common.web.ProblemException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;

/** Every {@link SimulatedRunner}, by runner code. */
@Singleton
public class SimulatedRunners {

  private final Map<String, SimulatedRunner> byCode = new TreeMap<>();

  @Inject
  public SimulatedRunners(Instance<SimulatedRunner> runners) {
    for (SimulatedRunner runner : runners) {
      byCode.put(runner.code(), runner);
    }
  }

  /** The simulated runner with code {@code code}; 404 naming the others when there is none. */
  public SimulatedRunner require(String code) {
    SimulatedRunner runner = byCode.get(code);
    if (runner == null) {
      throw ProblemException.notFound(
          "unknown runner '"
              + code
              + "'; simulated runners: "
              + String.join(", ", byCode.keySet()));
    }
    return runner;
  }
}
