package dev.gort.oidc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenID Connect discovery document of a Keycloak-shaped realm that has a token endpoint, its
 * keys and optionally the device authorization endpoint (RFC 8628) and the authorization code flow
 * with its logout endpoint. Paths are Keycloak's, relative to the issuer URL ({@code
 * .../realms/<realm>}).
 */
public final class DiscoveryDocument {

  public static final String WELL_KNOWN_PATH = "/.well-known/openid-configuration";
  public static final String CERTS_PATH = "/protocol/openid-connect/certs";
  public static final String TOKEN_PATH = "/protocol/openid-connect/token";
  public static final String AUTHORIZATION_PATH = "/protocol/openid-connect/auth";
  public static final String END_SESSION_PATH = "/protocol/openid-connect/logout";
  public static final String DEVICE_AUTHORIZATION_PATH = "/protocol/openid-connect/auth/device";
  public static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  /** What a realm offers besides the password and client_credentials grants. */
  public enum Feature {
    /** The device authorization grant (RFC 8628). */
    DEVICE_AUTHORIZATION,
    /** The authorization code flow with PKCE (S256), refresh tokens and RP-initiated logout. */
    AUTHORIZATION_CODE
  }

  private DiscoveryDocument() {}

  public static String json(String issuerUrl, Feature... features) {
    Set<Feature> offered = Set.of(features);
    boolean code = offered.contains(Feature.AUTHORIZATION_CODE);
    boolean device = offered.contains(Feature.DEVICE_AUTHORIZATION);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", issuerUrl);
    if (code) {
      document.put("authorization_endpoint", issuerUrl + AUTHORIZATION_PATH);
    }
    document.put("token_endpoint", issuerUrl + TOKEN_PATH);
    document.put("jwks_uri", issuerUrl + CERTS_PATH);
    if (code) {
      document.put("end_session_endpoint", issuerUrl + END_SESSION_PATH);
    }
    if (device) {
      document.put("device_authorization_endpoint", issuerUrl + DEVICE_AUTHORIZATION_PATH);
    }
    // in Keycloak's order
    List<String> grantTypes = new ArrayList<>();
    if (code) {
      grantTypes.addAll(List.of("authorization_code", "refresh_token"));
    }
    grantTypes.addAll(List.of("password", "client_credentials"));
    if (device) {
      grantTypes.add(DEVICE_CODE_GRANT);
    }
    document.put("grant_types_supported", grantTypes);
    if (code) {
      document.put("response_types_supported", List.of("code"));
      document.put("response_modes_supported", List.of("query"));
      document.put("code_challenge_methods_supported", List.of("S256"));
      document.put("scopes_supported", List.of("openid", "profile", "email"));
    } else {
      // Required by OpenID Discovery; there is no authorization endpoint, so nothing is issued
      // there.
      document.put("response_types_supported", List.of("none"));
    }
    document.put("subject_types_supported", List.of("public"));
    document.put("id_token_signing_alg_values_supported", List.of("RS256"));
    document.put(
        "token_endpoint_auth_methods_supported",
        List.of("client_secret_basic", "client_secret_post"));
    document.put(
        "claims_supported",
        code
            ? List.of(
                "aud", "sub", "iss", "auth_time", "nonce", "azp", "preferred_username", "email")
            : List.of("aud", "sub", "iss", "preferred_username", "email"));
    document.put("claim_types_supported", List.of("normal"));
    document.put("claims_parameter_supported", false);
    document.put("request_parameter_supported", false);
    document.put("request_uri_parameter_supported", false);
    return Json.write(document);
  }
}
