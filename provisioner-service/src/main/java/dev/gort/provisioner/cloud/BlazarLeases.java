package dev.gort.provisioner.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.common.web.Untrusted;
import dev.gort.provisioner.cloud.CloudException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openstack4j.model.identity.v3.Token;

/**
 * Blazar's lease API ({@code /v1/leases}; openstack4j has none), called with the Keystone token
 * ({@code X-Auth-Token}) at the {@code reservation} endpoint of the token's catalog. Request and
 * answer shapes follow python-blazarclient and Blazar's api-ref (seed 004, step 5).
 */
final class BlazarLeases {

  /** Blazar's date format, in UTC. */
  static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final Pattern NO_HOSTS =
      Pattern.compile("not enough (hosts|resources)", Pattern.CASE_INSENSITIVE);
  private static final int BODY_LIMIT = 4 * 1024 * 1024;

  private final KeystoneSession keystone;
  private final String region;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final ObjectMapper json = new ObjectMapper();

  BlazarLeases(KeystoneSession keystone, String region, HttpClient http, Duration requestTimeout) {
    this.keystone = keystone;
    this.region = region;
    this.http = http;
    this.requestTimeout = requestTimeout;
  }

  CloudLease create(LeaseRequest request) {
    String what = "create Blazar lease " + Untrusted.quote(request.name());
    Answer answer = send(what, "POST", "/leases", body(request));
    if (answer.status() >= 400) {
      String detail = answer.detail();
      if (detail != null && NO_HOSTS.matcher(detail).find()) {
        // Blazar answers NotEnoughHostsAvailable with 500 (its default code) or 409 / 400
        throw new CloudException(
            Kind.NO_RESOURCES,
            what
                + " failed: no free host of node type "
                + Untrusted.quote(request.nodeType())
                + " (HTTP "
                + answer.status()
                + ": "
                + detail
                + ")");
      }
      throw OpenStackErrors.status(what, answer.status(), detail);
    }
    return lease(what, answer.json(what).path("lease"));
  }

  Optional<CloudLease> get(String id) {
    String what = "read Blazar lease " + Untrusted.quote(id);
    Answer answer = send(what, "GET", "/leases/" + Ids.checked("lease", id), null);
    if (answer.status() == 404) {
      return Optional.empty();
    }
    if (answer.status() >= 400) {
      throw OpenStackErrors.status(what, answer.status(), answer.detail());
    }
    return Optional.of(lease(what, answer.json(what).path("lease")));
  }

  List<CloudLease> list() {
    String what = "list Blazar leases";
    Answer answer = send(what, "GET", "/leases", null);
    if (answer.status() >= 400) {
      throw OpenStackErrors.status(what, answer.status(), answer.detail());
    }
    List<CloudLease> leases = new ArrayList<>();
    for (JsonNode lease : answer.json(what).path("leases")) {
      leases.add(lease(what, lease));
    }
    return leases;
  }

  void delete(String id) {
    String what = "delete Blazar lease " + Untrusted.quote(id);
    Answer answer = send(what, "DELETE", "/leases/" + Ids.checked("lease", id), null);
    if (answer.status() >= 400 && answer.status() != 404) {
      throw OpenStackErrors.status(what, answer.status(), answer.detail());
    }
  }

  /**
   * The body python-blazarclient sends for {@code lease-create --reservation
   * min=1,max=1,resource_type=physical:host,resource_properties='["==","$node_type","<type>"]'}:
   * both properties are JSON-encoded strings inside the JSON.
   */
  String body(LeaseRequest request) {
    ObjectNode body = json.createObjectNode();
    body.put("name", request.name());
    body.put("start_date", DATE.format(request.start()));
    body.put("end_date", DATE.format(request.end()));
    ArrayNode reservations = body.putArray("reservations");
    ObjectNode host = reservations.addObject();
    host.put("resource_type", "physical:host");
    host.put("min", 1);
    host.put("max", 1);
    host.put("resource_properties", nodeTypeProperty(request.nodeType()));
    host.put("hypervisor_properties", "");
    body.putArray("events");
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code ["==", "$node_type", "<type>"]}, spaced as Python's json.dumps writes it. */
  String nodeTypeProperty(String nodeType) {
    try {
      return "[\"==\", \"$node_type\", " + json.writeValueAsString(nodeType) + "]";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private CloudLease lease(String what, JsonNode lease) {
    if (!lease.isObject() || !lease.path("id").isTextual()) {
      throw new CloudException(Kind.UNAVAILABLE, what + " failed: the answer holds no lease");
    }
    String reservationId = null;
    JsonNode reservations = lease.path("reservations");
    if (reservations.isArray() && reservations.size() > 0) {
      reservationId = text(reservations.get(0).path("id"));
    }
    String status = text(lease.path("status"));
    return new CloudLease(
        lease.path("id").asText(),
        text(lease.path("name")),
        LeaseStatus.of(status),
        status,
        reservationId,
        instant(text(lease.path("start_date"))),
        instant(text(lease.path("end_date"))));
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }

  /** Blazar's dates: {@code 2026-12-03T10:02:00.000000} (UTC, no zone) or with a zone. */
  static Instant instant(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String iso = value.trim().replace(' ', 'T');
    try {
      if (iso.endsWith("Z") || Pattern.compile("[+-]\\d\\d:?\\d\\d$").matcher(iso).find()) {
        return OffsetDateTime.parse(iso).toInstant();
      }
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private Answer send(String what, String method, String path, String body) {
    Token token = keystone.token();
    Answer answer = sendOnce(what, token, method, path, body);
    if (answer.status() == 401) {
      // the token was revoked or expired early: one more try with a new one
      keystone.invalidate(token);
      answer = sendOnce(what, keystone.token(), method, path, body);
      if (answer.status() == 401) {
        throw new CloudException(
            Kind.REFUSED, what + " failed: Blazar refused the token (HTTP 401)");
      }
    }
    return answer;
  }

  private Answer sendOnce(String what, Token token, String method, String path, String body) {
    String base =
        CatalogEndpoints.find(token, "reservation", region)
            .orElseThrow(() -> CatalogEndpoints.missing("reservation", region));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(requestTimeout)
            .header("X-Auth-Token", token.getId())
            .header("Accept", "application/json");
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      byte[] bytes = response.body();
      int length = Math.min(bytes.length, BODY_LIMIT);
      return new Answer(
          response.statusCode(), new String(bytes, 0, length, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CloudException(
          Kind.UNAVAILABLE, what + " failed: no answer (" + e.getClass().getSimpleName() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudException(Kind.UNAVAILABLE, what + " failed: interrupted", e);
    }
  }

  /** One answer of Blazar's. */
  private final class Answer {
    private final int status;
    private final String body;

    Answer(int status, String body) {
      this.status = status;
      this.body = body;
    }

    int status() {
      return status;
    }

    JsonNode json(String what) {
      try {
        return json.readTree(body);
      } catch (JsonProcessingException e) {
        throw new CloudException(Kind.UNAVAILABLE, what + " failed: the answer is not JSON", e);
      }
    }

    /** Blazar's {@code error_message} (or another API's message field), else the body's start. */
    String detail() {
      try {
        JsonNode node = json.readTree(body);
        for (String field : List.of("error_message", "message", "faultstring", "description")) {
          if (node.path(field).isTextual()) {
            return node.path(field).asText();
          }
        }
        if (node.isObject() && node.size() == 1) {
          JsonNode inner = node.elements().next();
          if (inner.path("message").isTextual()) {
            return inner.path("message").asText();
          }
        }
      } catch (JsonProcessingException | RuntimeException e) {
        // not JSON: the body itself, cut
      }
      return body.isBlank() ? null : Untrusted.escape(body, 200);
    }
  }
}
