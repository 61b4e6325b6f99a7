package dev.gort.simulators.oidc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The simulated OIDC issuer's settings; defaults and descriptions in application.properties. */
@ConfigMapping(prefix = "gort.sim")
public interface OidcConfig {

  /** Base URL Gort reaches the simulators on; the issuer is {@code <it>/realms/<realm>}. */
  String publicUrl();

  Oidc oidc();

  interface Oidc {

    /** The one realm served; any other answers 404. */
    String realm();

    /** PKCS#8 PEM RSA key that signs tokens; empty means a key generated at start. */
    Optional<Path> keyFile();

    /** The {@code aud} of every token. */
    String audience();

    /** How long an access token is valid. */
    Duration tokenLifetime();

    /** Users by username, for the password grant. */
    Map<String, User> users();

    /** Clients by client id. */
    Map<String, Client> clients();

    /** The device authorization grant (RFC 8628). */
    Device device();

    /** The authorization code flow. */
    Code code();

    /** How long a refresh token of the code flow is valid; each use replaces it. */
    @WithDefault("PT8H")
    Duration refreshTokenLifetime();

    /** How many refresh tokens are held at once; past it the oldest is forgotten. */
    @WithDefault("10000")
    int maxRefreshTokens();
  }

  interface Code {

    /** How long an authorization code may wait for its exchange at the token endpoint. */
    @WithDefault("PT60S")
    Duration lifetime();

    /** How long a login page stays usable (Keycloak's "Login timeout"). */
    @WithDefault("PT30M")
    Duration loginTimeout();

    /** How many pending logins, and as many codes, are held at once; more are refused. */
    @WithDefault("1000")
    int maxCodes();
  }

  interface Device {

    /** How long a device code and its user code stay valid. */
    @WithDefault("PT10M")
    Duration codeLifetime();

    /** The least time between two polls of one device code; 5 s more after each slow_down. */
    @WithDefault("PT5S")
    Duration interval();

    /** How many device codes are held at once; more are refused until some have expired. */
    @WithDefault("1000")
    int maxCodes();
  }

  interface User {

    /** Empty (unset) means this user can never get a token. */
    Optional<String> password();

    /** Realm roles, {@code realm_access.roles}. */
    Optional<List<String>> roles();

    Optional<String> email();
  }

  interface Client {

    /** A public client (Keycloak's {@code publicClient}): no secret, password grant only. */
    @WithDefault("false")
    boolean publicClient();

    /** A confidential client's secret; empty (unset) means it can never get a token. */
    Optional<String> secret();

    /** Realm roles of the client's service account (client_credentials grant). */
    Optional<List<String>> roles();

    /** Keycloak's "OAuth 2.0 Device Authorization Grant Enabled": off unless asked for. */
    @WithDefault("false")
    boolean deviceGrant();

    /** Keycloak's "Standard Flow Enabled": the authorization code flow, off unless asked for. */
    @WithDefault("false")
    boolean standardFlow();

    /** Where the code flow may send the browser back: exact, or a prefix ending in {@code *}. */
    Optional<List<String>> redirectUris();

    /** Where logout may send the browser, matched as {@link #redirectUris}. */
    Optional<List<String>> postLogoutRedirectUris();
  }
}
