package dev.gort.simulators.runner;

import dev.gort.common.signature.HmacSignature;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Signs callbacks the way Gort's gateway checks them ({@code X-Gort-Signature}: over the callback
 * URL's per-attempt token and the exact body). Without a secret the simulators still run, unsigned,
 * so a local stack works before secrets are set up.
 */
@Singleton
public class CallbackSigner {

  public static final String HEADER = "X-Gort-Signature";

  private static final Logger LOG = Logger.getLogger(CallbackSigner.class);

  private final Optional<String> secret;

  @Inject
  public CallbackSigner(RunnerConfig config) {
    this(config.runnerSecret());
  }

  CallbackSigner(Optional<String> secret) {
    this.secret = secret.filter(s -> !s.isEmpty());
  }

  void warnIfUnsigned(@Observes StartupEvent event) {
    if (secret.isEmpty()) {
      LOG.warn(
          "gort.sim.runner-secret is empty: runner callbacks are sent without "
              + HEADER
              + " (set GORT_SIM_RUNNER_SECRET to sign them)");
    }
  }

  /**
   * The signature header value for this exact body sent to the callback URL whose token is {@code
   * token}, or empty when no secret is configured.
   */
  public Optional<String> sign(String token, byte[] body) {
    return secret.map(s -> HmacSignature.signCallback(s, token, body));
  }
}
