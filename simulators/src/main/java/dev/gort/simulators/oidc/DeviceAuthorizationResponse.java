package dev.gort.simulators.oidc;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** RFC 8628 section 3.2, in Keycloak's field order. */
@JsonPropertyOrder({
  "device_code",
  "user_code",
  "verification_uri",
  "verification_uri_complete",
  "expires_in",
  "interval"
})
public record DeviceAuthorizationResponse(
    @JsonProperty("device_code") String deviceCode,
    @JsonProperty("user_code") String userCode,
    @JsonProperty("verification_uri") String verificationUri,
    @JsonProperty("verification_uri_complete") String verificationUriComplete,
    @JsonProperty("expires_in") long expiresIn,
    @JsonProperty("interval") long interval) {

  @Override
  public String toString() {
    return "DeviceAuthorizationResponse[device_code=***, user_code=" + userCode + "]";
  }
}
