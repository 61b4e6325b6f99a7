package dev.gort.scheduler.poll;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Polling of the experiment source ({@code gort.scheduler.poll.*}); see application.properties. */
@ConfigMapping(prefix = "gort.scheduler.poll")
public interface PollConfig {

  /** Whether this instance polls the experiment source at all. */
  @WithDefault("true")
  boolean enabled();

  /** Time between the end of one poll and the start of the next while polls succeed. */
  @WithDefault("PT1M")
  Duration interval();

  /** Longest wait after failed polls; the wait doubles from {@link #interval()} up to this. */
  @WithDefault("PT10M")
  Duration maxBackoff();

  /** Name this instance records on its polls; by default host name and process id. */
  Optional<String> instance();
}
