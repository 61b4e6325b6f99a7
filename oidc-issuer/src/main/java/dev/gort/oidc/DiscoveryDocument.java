package dev.gort.oidc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenID Connect discovery document of a Keycloak-shaped realm that has a token endpoint, its
 * keys and optionally the device authorization endpoint (RFC 8628). Paths are Keycloak's, relative
 * to the issuer URL ({@code .../realms/<realm>}).
 */
public final class DiscoveryDocument {

  public static final String WELL_KNOWN_PATH = "/.well-known/openid-configuration";
  public static final String CERTS_PATH = "/protocol/openid-connect/certs";
  public static final String TOKEN_PATH = "/protocol/openid-connect/token";
  public static final String DEVICE_AUTHORIZATION_PATH = "/protocol/openid-connect/auth/device";
  public static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  private DiscoveryDocument() {}

  /** Without the device authorization grant. */
  public static String json(String issuerUrl) {
    return json(issuerUrl, false);
  }

  public static String json(String issuerUrl, boolean deviceAuthorization) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", issuerUrl);
    document.put("token_endpoint", issuerUrl + TOKEN_PATH);
    document.put("jwks_uri", issuerUrl + CERTS_PATH);
    if (deviceAuthorization) {
      document.put("device_authorization_endpoint", issuerUrl + DEVICE_AUTHORIZATION_PATH);
      document.put(
          "grant_types_supported", List.of("password", "client_credentials", DEVICE_CODE_GRANT));
    } else {
      document.put("grant_types_supported", List.of("password", "client_credentials"));
    }
    // Required by OpenID Discovery; there is no authorization endpoint, so nothing is issued there.
    document.put("response_types_supported", List.of("none"));
    document.put("subject_types_supported", List.of("public"));
    document.put("id_token_signing_alg_values_supported", List.of("RS256"));
    document.put(
        "token_endpoint_auth_methods_supported",
        List.of("client_secret_basic", "client_secret_post"));
    document.put("claims_supported", List.of("aud", "sub", "iss", "preferred_username", "email"));
    document.put("claim_types_supported", List.of("normal"));
    document.put("claims_parameter_supported", false);
    document.put("request_parameter_supported", false);
    document.put("request_uri_parameter_supported", false);
    return Json.write(document);
  }
}
