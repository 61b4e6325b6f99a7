package dev.gort.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gort.oidc.DiscoveryDocument;
import dev.gort.oidc.SigningKey;
import dev.gort.oidc.TokenClaims;
import dev.gort.oidc.TokenIssuer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The OIDC issuer of a test JVM: a Keycloak-shaped realm {@code gort} on a free loopback port that
 * serves its discovery document and JWKS (what a resource server such as quarkus-oidc fetches), and
 * tokens minted for tests, good ones and the bad ones a service must refuse. Started on first use.
 */
public final class TestIssuer {

  /** The {@code aud} of every token but {@link #tokenForAudience}'s. */
  public static final String AUDIENCE = "gort";

  /** The {@code azp}: the public client a user logs in with. */
  public static final String CLIENT_ID = "gort-cli";

  private static final String REALM_PATH = "/realms/gort";
  private static final Duration LIFETIME = Duration.ofHours(1);

  private final String jwks;
  private final HttpServer server;
  private final TokenIssuer issuer;
  private final TokenIssuer otherIssuer;
  private final TokenIssuer forger;

  private static final class Instance {
    static final TestIssuer ISSUER = new TestIssuer();
  }

  private TestIssuer() {
    SigningKey key = SigningKey.generate();
    this.jwks = key.jwksJson();
    this.server = StubHttp.start(REALM_PATH, this::serve);
    String url = StubHttp.baseUrl(server) + REALM_PATH;
    this.issuer = new TokenIssuer(url, key);
    this.otherIssuer = new TokenIssuer(StubHttp.baseUrl(server) + "/realms/other", key);
    this.forger = new TokenIssuer(url, SigningKey.generate().withKeyId(key.keyId()));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
  }

  /**
   * {@code http://127.0.0.1:<port>/realms/gort}: the issuer, and the OIDC server URL to configure.
   */
  public static String issuerUrl() {
    return Instance.ISSUER.issuer.issuerUrl();
  }

  /** A valid token for {@code username} with these realm roles, for an hour. */
  public static String token(String username, String... roles) {
    TestIssuer it = Instance.ISSUER;
    return it.issuer.mint(claims(username, AUDIENCE, roles), Instant.now(), LIFETIME);
  }

  /** Like {@link #token}, but it expired an hour ago. */
  public static String expiredToken(String username, String... roles) {
    TestIssuer it = Instance.ISSUER;
    Instant twoHoursAgo = Instant.now().minus(LIFETIME.multipliedBy(2));
    return it.issuer.mint(claims(username, AUDIENCE, roles), twoHoursAgo, LIFETIME);
  }

  /** Like {@link #token}, but meant for another service. */
  public static String tokenForAudience(String audience, String username, String... roles) {
    TestIssuer it = Instance.ISSUER;
    return it.issuer.mint(claims(username, audience, roles), Instant.now(), LIFETIME);
  }

  /** Signed by this issuer's key, but naming another issuer ({@code .../realms/other}). */
  public static String tokenFromOtherIssuer(String username, String... roles) {
    TestIssuer it = Instance.ISSUER;
    return it.otherIssuer.mint(claims(username, AUDIENCE, roles), Instant.now(), LIFETIME);
  }

  /** Claims and {@code kid} of a valid token, signed by another key: the signature is wrong. */
  public static String forgedToken(String username, String... roles) {
    TestIssuer it = Instance.ISSUER;
    return it.forger.mint(claims(username, AUDIENCE, roles), Instant.now(), LIFETIME);
  }

  private static TokenClaims claims(String username, String audience, String... roles) {
    return TokenClaims.of(username, username + "@example.com", List.of(roles), audience, CLIENT_ID);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      // the port this server was reached on, known once it listens
      String url = "http://127.0.0.1:" + exchange.getLocalAddress().getPort() + REALM_PATH;
      if (!"GET".equals(exchange.getRequestMethod())) {
        StubHttp.respondJson(exchange, 405, new byte[0]);
      } else if (path.equals(REALM_PATH + DiscoveryDocument.WELL_KNOWN_PATH)) {
        StubHttp.respondJson(
            exchange, 200, DiscoveryDocument.json(url).getBytes(StandardCharsets.UTF_8));
      } else if (path.equals(REALM_PATH + DiscoveryDocument.CERTS_PATH)) {
        StubHttp.respondJson(exchange, 200, jwks.getBytes(StandardCharsets.UTF_8));
      } else {
        StubHttp.respondJson(
            exchange, 404, "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
      }
    } finally {
      exchange.close();
    }
  }
}
