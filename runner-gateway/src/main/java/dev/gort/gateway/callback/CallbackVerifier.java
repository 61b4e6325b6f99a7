package dev.gort.gateway.callback;

import dev.gort.common.signature.HmacSignature;
import dev.gort.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;

/**
 * Checks that a callback comes from the runner it names: for Gort's own runners an HMAC-SHA256 over
 * the URL's per-attempt token and the exact body ({@code X-Gort-Signature}), so a body signed for
 * one attempt does not verify for another.
 */
@ApplicationScoped
public class CallbackVerifier {

  static final String SIGNATURE_HEADER = "X-Gort-Signature";
  private static final Logger LOG = Logger.getLogger(CallbackVerifier.class);

  @Inject GatewayConfig config;

  void warnAboutMissingSecrets(@Observes StartupEvent event) {
    config
        .runners()
        .forEach(
            (code, settings) -> {
              if (settings.secret().filter(s -> !s.isBlank()).isEmpty()) {
                LOG.warnf("runner %s has no callback secret: all its callbacks are refused", code);
              }
            });
  }

  public boolean verify(String runner, String token, HttpHeaders headers, byte[] body) {
    GatewayConfig.RunnerSettings settings = config.runners().get(runner);
    if (settings == null) {
      return false;
    }
    String secret = settings.secret().orElse(null);
    return HmacSignature.verifyCallback(
        secret, token, body, headers.getHeaderString(SIGNATURE_HEADER));
  }
}
