package dev.gort.simulators.oidc;

import dev.gort.common.web.ProblemException;
import dev.gort.oidc.DiscoveryDocument;
import dev.gort.oidc.SigningKey;
import dev.gort.oidc.TokenIssuer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The realm's issuer: its URL, signing key and what it publishes. The key is read once at start, so
 * a missing or unreadable key file stops the simulators instead of signing with something else.
 */
@Singleton
public class RealmIssuer {

  private static final Logger LOG = Logger.getLogger(RealmIssuer.class);

  private final String realm;
  private final TokenIssuer issuer;
  private final boolean ephemeral;
  private final String discovery;
  private final String jwks;

  @Inject
  public RealmIssuer(OidcConfig config) {
    this.realm = config.oidc().realm();
    Optional<Path> keyFile = config.oidc().keyFile();
    this.ephemeral = keyFile.isEmpty();
    String issuerUrl = config.publicUrl().replaceAll("/+$", "") + "/realms/" + realm;
    this.issuer =
        new TokenIssuer(issuerUrl, keyFile.map(RealmIssuer::load).orElseGet(SigningKey::generate));
    this.discovery =
        DiscoveryDocument.json(
            issuerUrl,
            DiscoveryDocument.Feature.DEVICE_AUTHORIZATION,
            DiscoveryDocument.Feature.AUTHORIZATION_CODE);
    this.jwks = issuer.key().jwksJson();
  }

  private static SigningKey load(Path file) {
    try {
      return SigningKey.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read gort.sim.oidc.key-file " + file, e);
    }
  }

  void announce(@Observes StartupEvent event) {
    LOG.infof("OIDC realm at %s, signing key %s", issuer.issuerUrl(), issuer.key().keyId());
    if (ephemeral) {
      LOG.warn(
          "gort.sim.oidc.key-file is empty: tokens are signed with a key generated at start and do"
              + " not survive a restart (set GORT_SIM_OIDC_KEY_FILE to a PKCS#8 PEM RSA key)");
    }
  }

  public String realm() {
    return realm;
  }

  /**
   * @throws ProblemException 404 when {@code name} is not the simulated realm
   */
  public void require(String name) {
    if (!realm.equals(name)) {
      throw ProblemException.notFound(
          "realm '" + name + "' does not exist; the simulated realm is '" + realm + "'");
    }
  }

  public TokenIssuer issuer() {
    return issuer;
  }

  public String discoveryJson() {
    return discovery;
  }

  public String jwksJson() {
    return jwks;
  }
}
