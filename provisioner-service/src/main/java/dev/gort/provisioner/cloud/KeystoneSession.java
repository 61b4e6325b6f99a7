package dev.gort.provisioner.cloud;

import dev.gort.common.web.Untrusted;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.core.transport.Config;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.openstack.OSFactory;

/**
 * One Keystone v3 token shared by all threads (openstack4j's clients are thread-bound, the token is
 * not): password authentication scoped to the project by name and domain, renewed shortly before it
 * expires or after the cloud said 401. The token and the password are never logged.
 */
final class KeystoneSession {

  private static final Logger LOG = Logger.getLogger(KeystoneSession.class);

  private final CloudSettings settings;
  private final Config config;
  private final Clock clock;
  private Token token;

  KeystoneSession(CloudSettings settings, Config config, Clock clock) {
    this.settings = settings;
    this.config = config;
    this.clock = clock;
  }

  Config config() {
    return config;
  }

  /** A token valid for a while yet, authenticating if there is none. */
  synchronized Token token() {
    if (token == null || expiresSoon(token)) {
      token = authenticate();
    }
    return token;
  }

  /** Forgets {@code stale} (the cloud refused it), unless another thread renewed it already. */
  synchronized void invalidate(Token stale) {
    if (token == stale) {
      token = null;
    }
  }

  /** Keeps {@code renewed} (openstack4j re-authenticated on a 401 while using {@code used}). */
  synchronized void adopt(Token used, Token renewed) {
    if (renewed != null && renewed != used && token == used && renewed.getId() != null) {
      token = renewed;
    }
  }

  private boolean expiresSoon(Token t) {
    if (t.getExpires() == null) {
      return false;
    }
    Instant renewAt = t.getExpires().toInstant().minus(settings.tokenRenewBefore());
    return !clock.instant().isBefore(renewAt);
  }

  private Token authenticate() {
    String what = "authenticate user " + Untrusted.quote(settings.username()) + " with Keystone";
    try {
      OSClientV3 client =
          OSFactory.builderV3()
              .endpoint(settings.authUrl())
              .credentials(
                  settings.username(),
                  settings.password(),
                  Identifier.byName(settings.userDomainName()))
              .scopeToProject(
                  Identifier.byName(settings.projectName()),
                  Identifier.byName(settings.projectDomainName()))
              .withConfig(config)
              .authenticate();
      Token fresh = client.getToken();
      if (fresh.getId() == null || fresh.getId().isEmpty()) {
        throw new CloudException(
            CloudException.Kind.UNAVAILABLE, what + " failed: no X-Subject-Token in the answer");
      }
      LOG.infof(
          "Keystone token for user %s, project %s (expires %s)",
          Untrusted.forLog(settings.username()),
          Untrusted.forLog(settings.projectName()),
          fresh.getExpires() == null ? "never" : fresh.getExpires().toInstant());
      return fresh;
    } catch (RuntimeException e) {
      throw OpenStackErrors.map(what, e);
    }
  }
}
