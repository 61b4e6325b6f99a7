package dev.gort.scheduler.runner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run is tested: the runner, the kind of job ({@code test}, {@code build}, {@code boot}) and
 * the runner settings, as the runner checked them.
 */
public record TestSpec(String runner, String kind, Map<String, Object> settings) {

  /** What a run is asked for when nobody said more. */
  public static final String DEFAULT_KIND = "test";

  public TestSpec {
    settings =
        settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }
}
