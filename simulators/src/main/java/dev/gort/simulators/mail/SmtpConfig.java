package dev.gort.simulators.mail;

import io.smallrye.config.ConfigMapping;

/** The SMTP sink's settings; defaults and descriptions in application.properties. */
@ConfigMapping(prefix = "gort.sim")
public interface SmtpConfig {

  /** Address the SMTP sink listens on. */
  String smtpHost();

  /** Port the SMTP sink listens on. */
  int smtpPort();
}
