package dev.gort.simulators.oidc;

import static dev.gort.simulators.oidc.TokenRejection.INVALID_CLIENT_CREDENTIALS;
import static dev.gort.simulators.oidc.TokenRejection.MISSING_CLIENT_ID;
import static dev.gort.simulators.oidc.TokenRejection.UNKNOWN_CLIENT;

import dev.gort.simulators.oidc.OidcConfig.Client;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is asking, as Keycloak's ClientIdAndSecretAuthenticator decides it for the token and the
 * device authorization endpoints: Basic credentials first, form parameters win over them; a public
 * client sends no secret.
 */
@Singleton
public class ClientAuthenticator {

  private final OidcConfig.Oidc config;

  @Inject
  public ClientAuthenticator(OidcConfig config) {
    this.config = config.oidc();
  }

  /**
   * @return the authenticated client's id
   * @throws TokenRequestRejected when the client is missing, unknown or its secret does not match
   */
  public String authenticate(Map<String, List<String>> form, String authorization) {
    String clientId = null;
    String secret = null;
    if (authorization != null) {
      Optional<BasicAuthorization> basic = BasicAuthorization.parse(authorization);
      if (basic.isPresent()) {
        clientId = basic.get().clientId();
        secret = basic.get().secret();
      } else if (!form.containsKey("client_id")) {
        throw new TokenRequestRejected(TokenRejection.BASIC_CHALLENGE, null);
      }
    }
    if (form.containsKey("client_id")) {
      clientId = Forms.first(form, "client_id");
    }
    if (form.containsKey("client_secret")) {
      secret = Forms.first(form, "client_secret");
    }
    if (clientId == null) {
      throw new TokenRequestRejected(MISSING_CLIENT_ID, null);
    }
    Client client = config.clients().get(clientId);
    if (client == null) {
      throw new TokenRequestRejected(UNKNOWN_CLIENT, clientId);
    }
    if (!client.publicClient() && !Credential.of(client.secret()).matches(secret)) {
      throw new TokenRequestRejected(INVALID_CLIENT_CREDENTIALS, clientId);
    }
    return clientId;
  }

  public Client client(String clientId) {
    return config.clients().get(clientId);
  }
}
