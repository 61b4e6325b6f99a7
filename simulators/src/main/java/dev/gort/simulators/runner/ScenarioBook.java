package dev.gort.simulators.runner;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Scenarios per (runner, experiment); an experiment without one gets {@link Scenario#DEFAULT}. */
@Singleton
public class ScenarioBook {

  private final Map<String, Scenario> scenarios = new ConcurrentHashMap<>();

  public Scenario get(String runner, String experiment) {
    return scenarios.getOrDefault(key(runner, experiment), Scenario.DEFAULT);
  }

  public void put(String runner, String experiment, Scenario scenario) {
    scenarios.put(key(runner, experiment), scenario);
  }

  public void remove(String runner, String experiment) {
    scenarios.remove(key(runner, experiment));
  }

  private static String key(String runner, String experiment) {
    return runner + "\u0000" + experiment;
  }
}
