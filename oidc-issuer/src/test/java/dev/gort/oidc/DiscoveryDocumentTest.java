package dev.gort.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DiscoveryDocumentTest {

  @Test
  void endpointsAreKeycloaksPathsUnderTheIssuer() throws Exception {
    JsonNode document =
        new ObjectMapper().readTree(DiscoveryDocument.json("http://127.0.0.1:8090/realms/gort"));

    assertThat(document.path("issuer").asText()).isEqualTo("http://127.0.0.1:8090/realms/gort");
    assertThat(document.path("jwks_uri").asText())
        .isEqualTo("http://127.0.0.1:8090/realms/gort/protocol/openid-connect/certs");
    assertThat(document.path("token_endpoint").asText())
        .isEqualTo("http://127.0.0.1:8090/realms/gort/protocol/openid-connect/token");
    assertThat(document.path("grant_types_supported"))
        .extracting(JsonNode::asText)
        .containsExactly("password", "client_credentials");
    assertThat(document.path("id_token_signing_alg_values_supported"))
        .extracting(JsonNode::asText)
        .containsExactly("RS256");
    assertThat(document.path("token_endpoint_auth_methods_supported"))
        .extracting(JsonNode::asText)
        .containsExactly("client_secret_basic", "client_secret_post");
    assertThat(document.has("response_types_supported")).isTrue();
    assertThat(document.has("subject_types_supported")).isTrue();
  }

  @Test
  void withTheDeviceGrantItNamesKeycloaksDeviceEndpointAndGrantType() throws Exception {
    JsonNode document =
        new ObjectMapper()
            .readTree(
                DiscoveryDocument.json(
                    "http://127.0.0.1:8090/realms/gort",
                    DiscoveryDocument.Feature.DEVICE_AUTHORIZATION));

    assertThat(document.path("device_authorization_endpoint").asText())
        .isEqualTo("http://127.0.0.1:8090/realms/gort/protocol/openid-connect/auth/device");
    assertThat(document.path("grant_types_supported"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "password", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code");
  }

  @Test
  void withoutTheDeviceGrantThereIsNoDeviceEndpoint() throws Exception {
    JsonNode document =
        new ObjectMapper().readTree(DiscoveryDocument.json("http://127.0.0.1:8090/realms/gort"));

    assertThat(document.has("device_authorization_endpoint")).isFalse();
  }

  @Test
  void withTheCodeFlowItNamesKeycloaksAuthorizationAndLogoutEndpointsAndPkce() throws Exception {
    JsonNode document =
        new ObjectMapper()
            .readTree(
                DiscoveryDocument.json(
                    "http://127.0.0.1:8090/realms/gort",
                    DiscoveryDocument.Feature.AUTHORIZATION_CODE));

    assertThat(document.path("authorization_endpoint").asText())
        .isEqualTo("http://127.0.0.1:8090/realms/gort/protocol/openid-connect/auth");
    assertThat(document.path("end_session_endpoint").asText())
        .isEqualTo("http://127.0.0.1:8090/realms/gort/protocol/openid-connect/logout");
    assertThat(document.path("response_types_supported"))
        .extracting(JsonNode::asText)
        .containsExactly("code");
    assertThat(document.path("code_challenge_methods_supported"))
        .extracting(JsonNode::asText)
        .containsExactly("S256");
    assertThat(document.path("scopes_supported")).extracting(JsonNode::asText).contains("openid");
    assertThat(document.path("grant_types_supported"))
        .extracting(JsonNode::asText)
        .containsExactly("authorization_code", "refresh_token", "password", "client_credentials");
  }

  @Test
  void withoutTheCodeFlowThereIsNoAuthorizationEndpoint() throws Exception {
    JsonNode document =
        new ObjectMapper().readTree(DiscoveryDocument.json("http://127.0.0.1:8090/realms/gort"));

    assertThat(document.has("authorization_endpoint")).isFalse();
    assertThat(document.has("end_session_endpoint")).isFalse();
  }
}
