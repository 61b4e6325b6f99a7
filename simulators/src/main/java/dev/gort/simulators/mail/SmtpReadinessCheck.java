package dev.gort.simulators.mail;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the SMTP sink accepts connections: the notifier's tests depend on it. */
@Readiness
@Singleton
public class SmtpReadinessCheck implements HealthCheck {

  @Inject MailSink sink;
  @Inject SmtpConfig config;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("smtp-sink")
        .status(sink.isRunning())
        .withData("port", config.smtpPort())
        .build();
  }
}
