package dev.gort.simulators.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Keycloak's access token response in its field order. Without a refresh token, as it answers
 * client_credentials: {@code refresh_expires_in} 0 and no {@code refresh_token} or {@code
 * id_token}; the code flow and its refreshes have both.
 */
@JsonPropertyOrder({
  "access_token",
  "expires_in",
  "refresh_expires_in",
  "refresh_token",
  "token_type",
  "id_token",
  "not-before-policy",
  "scope"
})
public record TokenResponse(
    @JsonProperty("access_token") String accessToken,
    @JsonProperty("expires_in") long expiresIn,
    @JsonProperty("refresh_expires_in") long refreshExpiresIn,
    @JsonProperty("refresh_token") @JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken,
    @JsonProperty("token_type") String tokenType,
    @JsonProperty("id_token") @JsonInclude(JsonInclude.Include.NON_NULL) String idToken,
    @JsonProperty("not-before-policy") long notBeforePolicy,
    @JsonProperty("scope") String scope) {

  /** Without a refresh token or ID token. */
  static TokenResponse accessOnly(String accessToken, long expiresIn, String scope) {
    return new TokenResponse(accessToken, expiresIn, 0, null, "Bearer", null, 0, scope);
  }

  @Override
  public String toString() {
    return "TokenResponse[access_token=***, expires_in=" + expiresIn + ", scope=" + scope + "]";
  }
}
