package dev.gort.simulators.oidc;

/**
 * An authorization request (OpenID Connect Core section 3.1.2.1) the authorization endpoint
 * accepted: its client and redirect URI are registered and its PKCE challenge is S256.
 *
 * @param state echoed to the redirect URI verbatim; null when the client sent none
 * @param nonce put in the ID token; null when the client sent none
 */
record AuthorizationRequest(
    String clientId, String redirectUri, String state, String nonce, String codeChallenge) {

  @Override
  public String toString() {
    return "AuthorizationRequest[clientId=" + clientId + ", redirectUri=" + redirectUri + "]";
  }
}
