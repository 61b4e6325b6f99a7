package dev.gort.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Notifier settings ({@code gort.notifier.*}); each documented in application.properties. */
@ConfigMapping(prefix = "gort.notifier")
public interface NotifierConfig {

  /** Where owners can read a run; links in notifications start with it. */
  String schedulerUrl();

  /** Tries to deliver one notification before it is given up as FAILED. */
  @WithDefault("5")
  int maxTries();

  /** Longest wait for the mail server to take one message. */
  @WithDefault("PT30S")
  Duration sendTimeout();

  /** Pause of the send loop when nothing is due. */
  @WithDefault("PT0.2S")
  Duration sendInterval();

  /** Longest wait between two tries of one notification. */
  @WithDefault("PT5M")
  Duration maxBackoff();
}
