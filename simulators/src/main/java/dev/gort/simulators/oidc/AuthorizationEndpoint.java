package dev.gort.simulators.oidc;

import dev.gort.simulators.oidc.OidcConfig.Client;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The authorization endpoint of the code flow (RFC 6749 section 4.1, OpenID Connect Core section
 * 3.1.2) with PKCE S256 required, and the login form it shows. The realm keeps no browser session:
 * every authorization request shows the form. Until the client and redirect URI are known good, a
 * refusal is a page; after, it goes back to the redirect URI (RFC 6749 section 4.1.2.1), never to a
 * URI the client did not register.
 */
@Singleton
public class AuthorizationEndpoint {

  /** Where the login form posts, under the issuer URL (Keycloak's login actions). */
  public static final String LOGIN_ACTION_PATH = "/login-actions/authenticate";

  private static final Logger LOG = Logger.getLogger(AuthorizationEndpoint.class);

  /** An error answer sent back to the redirect URI. */
  private record OAuthError(String error, String description) {}

  private final RealmIssuer realm;
  private final ClientAuthenticator clients;
  private final RealmUsers users;
  private final CodeGrants codes;
  private final Clock clock;

  @Inject
  public AuthorizationEndpoint(
      RealmIssuer realm,
      ClientAuthenticator clients,
      RealmUsers users,
      CodeGrants codes,
      Clock clock) {
    this.realm = realm;
    this.clients = clients;
    this.users = users;
    this.codes = codes;
    this.clock = clock;
  }

  /** GET of the authorization endpoint with its query parameters. */
  public Response authorize(Map<String, List<String>> query) {
    for (String trusted : List.of("client_id", "redirect_uri")) {
      if (query.getOrDefault(trusted, List.of()).size() > 1) {
        return refused("Invalid parameter: " + trusted);
      }
    }
    String clientId = Forms.first(query, "client_id");
    if (clientId == null) {
      return refused("Missing parameter: client_id");
    }
    Client client = clients.client(clientId);
    if (client == null) {
      return refused("Client not found.");
    }
    String redirectUri = Forms.first(query, "redirect_uri");
    if (redirectUri == null) {
      return refused("Missing parameter: redirect_uri");
    }
    if (!RedirectUris.registered(client.redirectUris(), redirectUri)) {
      return refused("Invalid parameter: redirect_uri");
    }
    String state = Forms.first(query, "state");
    Optional<OAuthError> error = invalid(client, query);
    if (error.isPresent()) {
      LOG.infof(
          "authorization request refused: %s: %s (client %s)",
          error.get().error(), error.get().description(), clientId);
      return Response.status(Response.Status.FOUND)
          .location(URI.create(errorRedirect(redirectUri, error.get(), state)))
          .build();
    }
    AuthorizationRequest request =
        new AuthorizationRequest(
            clientId,
            redirectUri,
            state,
            Forms.first(query, "nonce"),
            Forms.first(query, "code_challenge"));
    String loginId;
    try {
      loginId = codes.startLogin(request, clock.instant());
    } catch (CodeGrants.Full e) {
      return unavailable();
    }
    return loginForm(200, loginId, request, null, null);
  }

  /** POST of the login form. */
  public Response login(String loginId, String login, String password) {
    var now = clock.instant();
    Optional<AuthorizationRequest> pending = codes.pendingLogin(loginId, now);
    if (pending.isEmpty()) {
      return refused(
          "This sign-in has expired or was finished already; go back to the application and sign"
              + " in again.");
    }
    AuthorizationRequest request = pending.get();
    Optional<String> username = users.authenticate(login, password);
    if (username.isEmpty()) {
      LOG.infof("login refused: invalid user credentials (client %s)", request.clientId());
      // Keycloak answers 200 with the form again
      return loginForm(200, loginId, request, login, "Invalid username or password.");
    }
    Optional<String> code;
    try {
      code = codes.issueCode(loginId, username.get(), now);
    } catch (CodeGrants.Full e) {
      return unavailable();
    }
    if (code.isEmpty()) {
      return refused("This sign-in was finished already; go back to the application.");
    }
    String query = "code=" + encode(code.get());
    if (request.state() != null) {
      query += "&state=" + encode(request.state());
    }
    return Response.seeOther(URI.create(RedirectUris.withQuery(request.redirectUri(), query)))
        .header("Cache-Control", "no-store")
        .build();
  }

  // the error when the request cannot be answered with a code
  private static Optional<OAuthError> invalid(Client client, Map<String, List<String>> query) {
    if (Forms.hasDuplicates(query)) {
      return error("invalid_request", "duplicated parameter");
    }
    if (!client.standardFlow()) {
      return error(
          "unauthorized_client",
          "Client is not allowed to initiate browser login with the given response_type. Standard"
              + " flow is disabled for the client.");
    }
    String responseType = Forms.first(query, "response_type");
    if (responseType == null) {
      return error("invalid_request", "Missing parameter: response_type");
    }
    if (!responseType.equals("code")) {
      return error(
          "unsupported_response_type",
          "Client is not allowed to initiate browser login with the given response_type.");
    }
    String responseMode = Forms.first(query, "response_mode");
    if (responseMode != null && !responseMode.equals("query")) {
      return error("invalid_request", "Invalid parameter: response_mode");
    }
    String scope = Forms.first(query, "scope");
    if (scope == null || !Arrays.asList(scope.split(" ")).contains("openid")) {
      return error("invalid_scope", "Missing openid scope");
    }
    String challenge = Forms.first(query, "code_challenge");
    if (challenge == null) {
      return error("invalid_request", "Missing parameter: code_challenge");
    }
    String method = Forms.first(query, "code_challenge_method");
    if (method == null) {
      return error("invalid_request", "Missing parameter: code_challenge_method");
    }
    if (!method.equals(Pkce.S256)) {
      return error("invalid_request", "Invalid parameter: code_challenge_method");
    }
    if (!Pkce.isWellFormed(challenge)) {
      return error("invalid_request", "Invalid parameter: code_challenge");
    }
    if ("none".equals(Forms.first(query, "prompt"))) {
      return error("login_required", "No session: the simulated realm always asks for a password");
    }
    return Optional.empty();
  }

  private static Optional<OAuthError> error(String error, String description) {
    return Optional.of(new OAuthError(error, description));
  }

  private static String errorRedirect(String redirectUri, OAuthError error, String state) {
    String query =
        "error=" + encode(error.error()) + "&error_description=" + encode(error.description());
    if (state != null) {
      query += "&state=" + encode(state);
    }
    return RedirectUris.withQuery(redirectUri, query);
  }

  private Response loginForm(
      int status, String loginId, AuthorizationRequest request, String login, String message) {
    String issuerUrl = realm.issuer().issuerUrl();
    // Browsers apply form-action to the redirect that answers the form, too.
    String policy =
        "default-src 'none'; form-action 'self' "
            + RedirectUris.origin(issuerUrl)
            + " "
            + RedirectUris.origin(request.redirectUri())
            + "; frame-ancestors 'none'; base-uri 'none'";
    return HtmlPage.response(
            status,
            LoginPage.form(
                issuerUrl + LOGIN_ACTION_PATH, loginId, request.clientId(), login, message),
            policy)
        .build();
  }

  private static Response refused(String message) {
    LOG.infof("authorization request refused with a page: %s", message);
    return HtmlPage.response(400, LoginPage.refused(message), HtmlPage.NO_FORM).build();
  }

  private static Response unavailable() {
    return HtmlPage.response(
            503,
            LoginPage.refused("Too many sign-ins are pending; try again later."),
            HtmlPage.NO_FORM)
        .build();
  }

  // RFC 3986 query encoding; %20 rather than + for a space, which every decoder reads alike
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
