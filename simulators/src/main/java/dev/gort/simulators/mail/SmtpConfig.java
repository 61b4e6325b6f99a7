package dev.gort.simulators.mail;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** The SMTP sink's settings; defaults and descriptions in application.properties. */
@ConfigMapping(prefix = "gort.sim")
public interface SmtpConfig {

  /** Address the SMTP sink listens on. */
  String smtpHost();

  /** Port the SMTP sink listens on. */
  int smtpPort();

  /**
   * How long the sink holds its {@code 250} to the end of DATA of a message to a {@code slow-}
   * recipient the first time it takes that message (its Message-ID); the message is stored first.
   */
  Duration smtpSlowAck();
}
