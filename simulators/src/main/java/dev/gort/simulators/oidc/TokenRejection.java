package dev.gort.simulators.oidc;

/**
 * Every way the token endpoint refuses a request, with the OAuth error and description Keycloak
 * answers in that case (its TokenEndpoint, ClientIdAndSecretAuthenticator, AuthenticationProcessor,
 * ValidateUsername/ValidatePassword, the password and client_credentials grant types, and its
 * DeviceEndpoint and DeviceGrantType with the answers RFC 8628 section 3.5 names, and its
 * AuthorizationCodeGrantType, PkceUtils and RefreshTokenGrantType).
 */
public enum TokenRejection {
  MISSING_GRANT_TYPE("invalid_request", "Missing form parameter: grant_type"),
  UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", "Unsupported grant_type"),
  /** An Authorization header that is not Basic credentials, and no client_id in the form. */
  BASIC_CHALLENGE("invalid_client", null),
  MISSING_CLIENT_ID("invalid_client", "Missing client_id parameter"),
  UNKNOWN_CLIENT("invalid_client", "Invalid client or Invalid client credentials"),
  INVALID_CLIENT_CREDENTIALS("unauthorized_client", "Invalid client or Invalid client credentials"),
  DUPLICATED_PARAMETER("invalid_request", "duplicated parameter"),
  NO_DIRECT_ACCESS_GRANTS("unauthorized_client", "Client not allowed for direct access grants"),
  PUBLIC_CLIENT_SERVICE_ACCOUNT(
      "unauthorized_client", "Public client not allowed to retrieve service account"),
  MISSING_USERNAME("invalid_request", "Missing parameter: username"),
  INVALID_USER_CREDENTIALS("invalid_grant", "Invalid user credentials"),
  DEVICE_GRANT_DISABLED(
      "unauthorized_client",
      "Client is not allowed to initiate OAuth 2.0 Device Authorization Grant. The flow is"
          + " disabled for the client."),
  TOO_MANY_DEVICE_CODES(
      "temporarily_unavailable", "Too many device codes are pending; try again later"),
  MISSING_DEVICE_CODE("invalid_request", "Missing parameter: device_code"),
  INVALID_DEVICE_CODE("invalid_grant", "Device code not valid"),
  AUTHORIZATION_PENDING("authorization_pending", "The authorization request is still pending"),
  SLOW_DOWN("slow_down", "Slow down"),
  ACCESS_DENIED("access_denied", "The end user denied the authorization request"),
  EXPIRED_TOKEN("expired_token", "Device code is expired"),
  STANDARD_FLOW_DISABLED("unauthorized_client", "Client not allowed to exchange code"),
  MISSING_CODE("invalid_request", "Missing parameter: code"),
  /** Never issued, used already, expired, or another client's. */
  INVALID_CODE("invalid_grant", "Code not valid"),
  REDIRECT_URI_MISMATCH("invalid_grant", "Incorrect redirect_uri"),
  MISSING_CODE_VERIFIER("invalid_grant", "PKCE code verifier not specified"),
  PKCE_VERIFICATION_FAILED("invalid_grant", "PKCE verification failed"),
  MISSING_REFRESH_TOKEN("invalid_request", "Missing parameter: refresh_token"),
  /** Never issued, used already (rotated), revoked at logout, expired, or another client's. */
  INVALID_REFRESH_TOKEN("invalid_grant", "Invalid refresh token");

  private final String error;
  private final String description;

  TokenRejection(String error, String description) {
    this.error = error;
    this.description = description;
  }

  /** The OAuth {@code error} code (RFC 6749 section 5.2). */
  public String error() {
    return error;
  }

  /** Keycloak's {@code error_description}; null for the bare Basic challenge. */
  public String description() {
    return description;
  }
}
