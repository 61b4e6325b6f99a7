package dev.gort.simulators.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.common.web.Untrusted;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Simulated Keystone v3: one user in one project, password, application-credential and token
 * methods, tokens with the full service catalog (an entry for every service the simulated cloud
 * serves, since openstack4j finds nothing for a service without one).
 */
@Singleton
public class Keystone {

  /** A service of the catalog: type, name, path under the base URL. */
  record Service(String type, String name, String path) {}

  static final List<Service> SERVICES =
      List.of(
          new Service("identity", "keystone", "/identity/v3"),
          new Service("image", "glance", "/image"),
          new Service("compute", "nova", "/compute/v2.1"),
          new Service("network", "neutron", "/networking"),
          new Service("reservation", "blazar", "/reservation/v1"));

  static final String DOMAIN_ID = "default";

  /** An issued token. */
  record Token(
      String id,
      Instant issued,
      Instant expires,
      String method,
      String auditId,
      boolean applicationCredential) {}

  private static final Logger LOG = Logger.getLogger(Keystone.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final OpenStackSimConfig config;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  final String userId;
  final String projectId;

  @Inject
  public Keystone(OpenStackSimConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.userId = hexId("user:" + config.username());
    this.projectId = hexId("project:" + config.projectName());
  }

  /** Keystone's ids: 32 hex digits, here stable across restarts. */
  static String hexId(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8))
        .toString()
        .replace("-", "");
  }

  /**
   * {@code POST /v3/auth/tokens}.
   *
   * @throws OpenStackError 400 for a malformed request, 401 for wrong credentials or scope
   */
  Token issue(JsonNode request) {
    JsonNode identity = request.path("auth").path("identity");
    JsonNode methods = identity.path("methods");
    if (!methods.isArray() || methods.isEmpty()) {
      throw OpenStackError.keystone(
          400,
          "Bad Request",
          "Invalid input for field 'identity': 'methods' is a required property");
    }
    String method = methods.get(0).asText();
    boolean applicationCredential = false;
    switch (method) {
      case "password" -> checkPassword(identity.path("password").path("user"));
      case "application_credential" -> {
        checkApplicationCredential(identity.path("application_credential"));
        applicationCredential = true;
      }
      case "token" -> {
        if (validate(identity.path("token").path("id").asText(null)) == null) {
          throw OpenStackError.unauthorized();
        }
      }
      default -> throw OpenStackError.unauthorized();
    }
    checkScope(request.path("auth").path("scope"), applicationCredential);
    Instant now = clock.instant();
    byte[] raw = new byte[48];
    random.nextBytes(raw);
    Token token =
        new Token(
            "gAAAAA" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw),
            now,
            now.plus(config.tokenLifetime()),
            method,
            Base64.getUrlEncoder().withoutPadding().encodeToString(raw).substring(0, 22),
            applicationCredential);
    tokens.values().removeIf(t -> !now.isBefore(t.expires()));
    tokens.put(token.id(), token);
    LOG.debugf("issued a token (method %s)", method);
    return token;
  }

  private void checkPassword(JsonNode user) {
    String password = user.path("password").asText(null);
    boolean named =
        config.username().equals(user.path("name").asText(null)) && inDomain(user.path("domain"));
    boolean byId = userId.equals(user.path("id").asText(null));
    if (!(named || byId) || !config.password().equals(password)) {
      LOG.infof(
          "refused a password token for user %s", Untrusted.forLog(user.path("name").asText()));
      throw OpenStackError.unauthorized();
    }
  }

  private void checkApplicationCredential(JsonNode credential) {
    boolean known =
        config.applicationCredentialId().equals(credential.path("id").asText(null))
            || config.applicationCredentialId().equals(credential.path("name").asText(null));
    if (!known
        || !config.applicationCredentialSecret().equals(credential.path("secret").asText(null))) {
      throw OpenStackError.unauthorized();
    }
  }

  private void checkScope(JsonNode scope, boolean applicationCredential) {
    if (scope.isMissingNode() || scope.isNull()) {
      // the user's default project, as Keystone scopes a token asked without scope
      return;
    }
    if (applicationCredential) {
      throw OpenStackError.unauthorized();
    }
    JsonNode project = scope.path("project");
    boolean named =
        config.projectName().equals(project.path("name").asText(null))
            && inDomain(project.path("domain"));
    boolean byId = projectId.equals(project.path("id").asText(null));
    if (!named && !byId) {
      throw OpenStackError.unauthorized();
    }
  }

  private boolean inDomain(JsonNode domain) {
    return config.domainName().equals(domain.path("name").asText(null))
        || DOMAIN_ID.equals(domain.path("id").asText(null));
  }

  /** The live token {@code id}, or null. */
  Token validate(String id) {
    if (id == null) {
      return null;
    }
    Token token = tokens.get(id);
    if (token == null || !clock.instant().isBefore(token.expires())) {
      return null;
    }
    return token;
  }

  /**
   * The live token of a request's {@code X-Auth-Token}.
   *
   * @throws OpenStackError 401 when there is none
   */
  Token require(String xAuthToken) {
    Token token = validate(xAuthToken);
    if (token == null) {
      throw OpenStackError.unauthorized();
    }
    return token;
  }

  /** {@code base} for the catalog: the configured public URL, else the request's. */
  String base(String requestBase) {
    return config.publicUrl().filter(u -> !u.isBlank()).orElse(requestBase).replaceAll("/+$", "");
  }

  /** The {@code {"token": {…}}} document of {@code token}. */
  ObjectNode body(Token token, String base) {
    ObjectNode root = JSON.objectNode();
    ObjectNode body = root.putObject("token");
    body.putArray("methods").add(token.method());
    ObjectNode user = body.putObject("user");
    domain(user.putObject("domain"));
    user.put("id", userId);
    user.put("name", config.username());
    user.putNull("password_expires_at");
    body.putArray("audit_ids").add(token.auditId());
    body.put("expires_at", OpenStackTime.keystone(token.expires()));
    body.put("issued_at", OpenStackTime.keystone(token.issued()));
    ObjectNode project = body.putObject("project");
    domain(project.putObject("domain"));
    project.put("id", projectId);
    project.put("name", config.projectName());
    body.put("is_domain", false);
    ArrayNode roles = body.putArray("roles");
    for (String role : List.of("member", "reader")) {
      roles.addObject().put("id", hexId("role:" + role)).put("name", role);
    }
    if (token.applicationCredential()) {
      body.putObject("application_credential")
          .put("id", config.applicationCredentialId())
          .put("name", config.applicationCredentialId())
          .put("restricted", true);
    }
    body.set("catalog", catalog(base));
    return root;
  }

  ArrayNode catalog(String base) {
    ArrayNode catalog = JSON.arrayNode();
    for (Service service : SERVICES) {
      ObjectNode entry = catalog.addObject();
      ArrayNode endpoints = entry.putArray("endpoints");
      for (String iface : List.of("public", "internal", "admin")) {
        endpoints
            .addObject()
            .put("id", hexId("endpoint:" + service.type() + ":" + iface))
            .put("interface", iface)
            .put("region_id", config.region())
            .put("url", base + service.path())
            .put("region", config.region());
      }
      entry.put("id", hexId("service:" + service.type()));
      entry.put("type", service.type());
      entry.put("name", service.name());
    }
    return catalog;
  }

  private void domain(ObjectNode domain) {
    domain.put("id", DOMAIN_ID).put("name", config.domainName());
  }

  void revoke(String id) {
    tokens.remove(id);
  }

  /** Forgets every token (reset). */
  void reset() {
    tokens.clear();
  }
}
