package dev.gort.simulators.oidc;

/** The token endpoint refuses a request the way Keycloak does. */
public class TokenRequestRejected extends RuntimeException {

  private final TokenRejection rejection;

  public TokenRequestRejected(TokenRejection rejection, String clientId) {
    super(
        rejection.error()
            + (rejection.description() == null ? "" : ": " + rejection.description())
            + (clientId == null ? "" : " (client " + clientId + ")"));
    this.rejection = rejection;
  }

  public TokenRejection rejection() {
    return rejection;
  }
}
