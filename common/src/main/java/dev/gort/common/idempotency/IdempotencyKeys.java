package dev.gort.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.signature.Sha256;
import dev.gort.common.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code Idempotency-Key} for POST endpoints. A key belongs to one caller and one endpoint; the
 * request it was first used with (path and body, hence the experiment) is fixed: the same key with
 * another request is a 422. While the first request is in flight a repeat is a 409 with {@code
 * Retry-After}; once it succeeded, every repeat gets its response again, byte for byte, until the
 * key expires ({@code gort.idempotency.ttl}, 24 h). The response is recorded in the transaction of
 * the request's own effect, so a crash never leaves an effect without its key or a key without its
 * effect. A request that fails frees the key.
 */
@Singleton
public class IdempotencyKeys {

  public static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
  private static final List<String> KEPT_HEADERS = List.of("Location", "Operation-Location");
  private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

  @Inject DataSource dataSource;
  @Inject ObjectMapper json;
  @Inject Clock clock;

  /** How long a key is remembered. */
  @ConfigProperty(name = "gort.idempotency.ttl", defaultValue = "PT24H")
  Duration ttl;

  /** How long a request may be in flight before its key is taken as abandoned (a crash). */
  @ConfigProperty(name = "gort.idempotency.lease", defaultValue = "PT60S")
  Duration lease;

  /**
   * Answers the request once per key: {@code prepare} runs outside any transaction (a call to
   * another service, say), then {@code work} in a transaction this opens, which its transactional
   * methods join and in which the response is recorded, when the key is new; a repeat is answered
   * as described on the class.
   *
   * @param caller who sends the request
   * @param endpoint names the endpoint, e.g. {@code POST /api/v1/experiments/{slug}/test-runs}
   * @param key the header's value; null runs {@code prepare} and {@code work} as they are
   * @param request what the key is bound to: the request's path and body
   */
  public <P> Response once(
      String caller,
      String endpoint,
      String key,
      byte[] request,
      Supplier<P> prepare,
      Function<P, Response> work) {
    if (key == null) {
      return work.apply(prepare.get());
    }
    if (!KEY.matcher(key).matches()) {
      throw ProblemException.badRequest(HEADER + " must be 1 to 200 visible ASCII characters");
    }
    String scope = Sha256.hex(caller + "\n" + endpoint + "\n" + key);
    String fingerprint = Sha256.hex(request);
    String claim = UUID.randomUUID().toString();
    Response earlier =
        QuarkusTransaction.requiringNew().call(() -> claim(scope, claim, fingerprint));
    if (earlier != null) {
      return earlier;
    }
    try {
      P prepared = prepare.get();
      return QuarkusTransaction.requiringNew()
          .call(
              () -> {
                Response response = work.apply(prepared);
                complete(scope, claim, response);
                return response;
              });
    } catch (RuntimeException e) {
      QuarkusTransaction.requiringNew().run(() -> release(scope, claim));
      throw e;
    }
  }

  /** Takes the key for this request: null to go on, or the answer a repeat gets. */
  private Response claim(String scope, String claim, String fingerprint) throws SQLException {
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO gort_idempotency_key"
                  + " (scope, fingerprint, claim_id, state, lease_until, created_at, expires_at)"
                  + " VALUES (?, ?, ?, 'IN_FLIGHT', ?, ?, ?) ON CONFLICT (scope) DO NOTHING")) {
        s.setString(1, scope);
        s.setString(2, fingerprint);
        s.setString(3, claim);
        s.setTimestamp(4, Timestamp.from(now.plus(lease)));
        s.setTimestamp(5, Timestamp.from(now));
        s.setTimestamp(6, Timestamp.from(now.plus(ttl)));
        if (s.executeUpdate() == 1) {
          return null;
        }
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT fingerprint, state, lease_until, status, headers, body, expires_at"
                  + " FROM gort_idempotency_key WHERE scope = ? FOR UPDATE")) {
        s.setString(1, scope);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            // freed between the insert and this read: a retry claims it
            throw inFlight();
          }
          boolean expired = !rs.getTimestamp("expires_at").toInstant().isAfter(now);
          boolean abandoned =
              rs.getString("state").equals("IN_FLIGHT")
                  && !rs.getTimestamp("lease_until").toInstant().isAfter(now);
          if (expired || abandoned) {
            reclaim(c, scope, claim, fingerprint, now);
            return null;
          }
          if (!rs.getString("fingerprint").equals(fingerprint)) {
            throw ProblemException.unprocessable(
                HEADER
                    + " was already used for another request (another experiment or body);"
                    + " use a new key for a new request",
                Map.of("header", HEADER));
          }
          if (rs.getString("state").equals("IN_FLIGHT")) {
            throw inFlight();
          }
          return replay(rs.getInt("status"), rs.getString("headers"), rs.getBytes("body"));
        }
      }
    }
  }

  private void reclaim(Connection c, String scope, String claim, String fingerprint, Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE gort_idempotency_key SET fingerprint = ?, claim_id = ?, state = 'IN_FLIGHT',"
                + " lease_until = ?, status = NULL, headers = NULL, body = NULL, created_at = ?,"
                + " expires_at = ? WHERE scope = ?")) {
      s.setString(1, fingerprint);
      s.setString(2, claim);
      s.setTimestamp(3, Timestamp.from(now.plus(lease)));
      s.setTimestamp(4, Timestamp.from(now));
      s.setTimestamp(5, Timestamp.from(now.plus(ttl)));
      s.setString(6, scope);
      s.executeUpdate();
    }
  }

  /**
   * Records the response under this request's claim, in the work's transaction; a request whose
   * lease ran out (another took the key) cannot, and its work rolls back.
   */
  private void complete(String scope, String claim, Response response) throws SQLException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : KEPT_HEADERS) {
      Object value = response.getHeaders().getFirst(name);
      if (value != null) {
        headers.put(name, value.toString());
      }
    }
    byte[] body;
    try {
      body = response.getEntity() == null ? null : json.writeValueAsBytes(response.getEntity());
      try (Connection c = dataSource.getConnection();
          PreparedStatement s =
              c.prepareStatement(
                  "UPDATE gort_idempotency_key SET state = 'DONE', status = ?, headers = ?,"
                      + " body = ? WHERE scope = ? AND claim_id = ? AND state = 'IN_FLIGHT'")) {
        s.setInt(1, response.getStatus());
        s.setString(2, json.writeValueAsString(headers));
        s.setBytes(3, body);
        s.setString(4, scope);
        s.setString(5, claim);
        if (s.executeUpdate() == 0) {
          throw inFlight();
        }
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot keep the response of an idempotent request", e);
    }
  }

  private void release(String scope, String claim) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "DELETE FROM gort_idempotency_key WHERE scope = ? AND claim_id = ?"
                    + " AND state = 'IN_FLIGHT'")) {
      s.setString(1, scope);
      s.setString(2, claim);
      s.executeUpdate();
    } catch (SQLException e) {
      // the lease runs out instead
      LOG.warnf("cannot free an idempotency key: %s", e.getMessage());
    }
  }

  private Response replay(int status, String headers, byte[] body) {
    Map<String, String> kept;
    try {
      kept = json.readValue(headers, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a kept idempotent response is corrupt", e);
    }
    Response.ResponseBuilder answer = Response.status(status).header(REPLAYED, "true");
    kept.forEach(answer::header);
    if (body != null) {
      answer.entity(body).type("application/json");
    }
    return answer.build();
  }

  private static ProblemException inFlight() {
    return ProblemException.withHeaders(
        409,
        "Conflict",
        "a request with this " + HEADER + " is still in flight; try again shortly",
        Map.of("header", HEADER),
        Map.of("Retry-After", "1"));
  }

  /** Forgets expired keys. */
  @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void forgetExpired() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("DELETE FROM gort_idempotency_key WHERE expires_at < ?")) {
      s.setTimestamp(1, Timestamp.from(clock.instant()));
      s.executeUpdate();
    } catch (SQLException e) {
      LOG.warnf("cannot forget expired idempotency keys: %s", e.getMessage());
    }
  }
}
