package dev.gort.simulators.oidc;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Keycloak's access token response without a refresh token, as it answers client_credentials:
 * {@code refresh_expires_in} 0 and its {@code not-before-policy}.
 */
@JsonPropertyOrder({
  "access_token",
  "expires_in",
  "refresh_expires_in",
  "token_type",
  "not-before-policy",
  "scope"
})
public record TokenResponse(
    @JsonProperty("access_token") String accessToken,
    @JsonProperty("expires_in") long expiresIn,
    @JsonProperty("refresh_expires_in") long refreshExpiresIn,
    @JsonProperty("token_type") String tokenType,
    @JsonProperty("not-before-policy") long notBeforePolicy,
    @JsonProperty("scope") String scope) {

  @Override
  public String toString() {
    return "TokenResponse[access_token=***, expires_in=" + expiresIn + ", scope=" + scope + "]";
  }
}
