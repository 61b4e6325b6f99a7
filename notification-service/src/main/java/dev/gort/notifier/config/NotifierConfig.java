package dev.gort.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Notifier settings ({@code gort.notifier.*}); each documented in application.properties. */
@ConfigMapping(prefix = "gort.notifier")
public interface NotifierConfig {

  /** Where owners can read a run; links in notifications start with it. */
  String schedulerUrl();

  /** Where owners can read a run's report (the results worker); links start with it. */
  @WithDefault("http://127.0.0.1:8083")
  String reportsUrl();

  /**
   * The key of the {@code X-Gort-Signature} HMAC on generic webhooks; none by default, and then
   * webhook notifications fail (with that reason) instead of going out unsigned. Never logged.
   */
  Optional<String> webhookSecret();

  /** Tries to deliver one notification before it is given up as FAILED. */
  @WithDefault("5")
  int maxTries();

  /** Longest wait for the mail server to take one message, or a webhook to answer one POST. */
  @WithDefault("PT30S")
  Duration sendTimeout();

  /** Pause of the send loop when nothing is due. */
  @WithDefault("PT0.2S")
  Duration sendInterval();

  /** Wait after a notification's first failed try; it doubles per try up to max-backoff. */
  @WithDefault("PT1S")
  Duration firstBackoff();

  /** Longest wait between two tries of one notification. */
  @WithDefault("PT5M")
  Duration maxBackoff();
}
