package dev.gort.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.http.Answer;
import dev.gort.cli.http.GortHttp;
import dev.gort.cli.http.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The issuer as the command line uses it: its discovery document, the password grant, the device
 * authorization grant (RFC 8628) and the refresh grant, each answer turned into a {@link
 * StoredToken} or a failure in the issuer's own words (never the password or a token).
 */
public final class OidcClient {

  private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  private final GortHttp http;
  private final URI issuer;
  private final String clientId;
  private JsonNode discovery;

  public OidcClient(GortHttp http, URI issuer, String clientId) {
    this.http = http;
    this.issuer = issuer;
    this.clientId = clientId;
  }

  /** What the issuer answered to a grant: a token, or an OAuth error code and description. */
  public record Grant(StoredToken token, String error, String description) {
    boolean granted() {
      return token != null;
    }
  }

  /** RFC 8628 section 3.2: what the user is shown, and what the client polls with. */
  public record DeviceCode(
      String deviceCode,
      String userCode,
      String verificationUri,
      String verificationUriComplete,
      Duration expiresIn,
      Duration interval) {}

  public StoredToken password(String username, String password, Instant now) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", clientId);
    form.put("username", username);
    form.put("password", password);
    form.put("scope", "openid");
    return required(grant(form, username, now));
  }

  public StoredToken refresh(StoredToken token, Instant now) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("client_id", clientId);
    form.put("refresh_token", token.refreshToken());
    return required(grant(form, token.username(), now));
  }

  public DeviceCode startDeviceFlow() {
    String endpoint = Json.text(discovery(), "device_authorization_endpoint");
    if (endpoint == null) {
      throw CliFailure.usage(
          "the issuer "
              + issuer
              + " offers no device flow; log in with gort login --username NAME instead");
    }
    Answer answer =
        http.postForm("device authorization", URI.create(endpoint), Map.of("client_id", clientId));
    JsonNode body = answer.body();
    return new DeviceCode(
        Json.text(body, "device_code"),
        Json.text(body, "user_code"),
        Json.text(body, "verification_uri"),
        Json.text(body, "verification_uri_complete"),
        Duration.ofSeconds(body.path("expires_in").asLong(600)),
        Duration.ofSeconds(Math.max(1, body.path("interval").asLong(5))));
  }

  /** One poll of the token endpoint for a device code (RFC 8628 section 3.4). */
  public Grant pollDevice(DeviceCode code, Instant now) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", DEVICE_GRANT);
    form.put("client_id", clientId);
    form.put("device_code", code.deviceCode());
    return grant(form, null, now);
  }

  private Grant grant(Map<String, String> form, String username, Instant now) {
    Answer answer = http.postFormAnyStatus("login", tokenEndpoint(), form);
    JsonNode body = answer.body();
    if (answer.status() == 200 && Json.text(body, "access_token") != null) {
      return new Grant(tokenOf(body, username, now), null, null);
    }
    String error = Optional.ofNullable(Json.text(body, "error")).orElse("http_" + answer.status());
    String description = Json.text(body, "error_description");
    if (answer.status() >= 500) {
      throw CliFailure.unreachable(
          "login: the issuer answered " + answer.status() + " (" + error + ")", null);
    }
    return new Grant(null, error, description);
  }

  private static StoredToken required(Grant grant) {
    if (grant.granted()) {
      return grant.token();
    }
    throw CliFailure.notAuthorized(
        "login refused: "
            + (grant.description() == null ? grant.error() : grant.description())
            + " ("
            + grant.error()
            + ")");
  }

  private StoredToken tokenOf(JsonNode body, String username, Instant now) {
    String access = Json.text(body, "access_token");
    long expiresIn = body.path("expires_in").asLong(0);
    String refresh = Json.text(body, "refresh_token");
    long refreshExpiresIn = body.path("refresh_expires_in").asLong(0);
    return new StoredToken(
        issuer.toString(),
        clientId,
        username != null ? username : JwtClaims.username(access).orElse(null),
        access,
        expiresIn > 0 ? now.plusSeconds(expiresIn) : JwtClaims.expiry(access).orElse(now),
        refresh,
        refresh != null && refreshExpiresIn > 0 ? now.plusSeconds(refreshExpiresIn) : null);
  }

  private URI tokenEndpoint() {
    String endpoint = Json.text(discovery(), "token_endpoint");
    if (endpoint == null) {
      throw CliFailure.usage("the issuer " + issuer + " names no token endpoint");
    }
    return URI.create(endpoint);
  }

  private JsonNode discovery() {
    if (discovery == null) {
      discovery =
          http.get(
                  "login",
                  URI.create(issuer + "/.well-known/openid-configuration"),
                  Optional.empty())
              .body();
    }
    return discovery;
  }
}
