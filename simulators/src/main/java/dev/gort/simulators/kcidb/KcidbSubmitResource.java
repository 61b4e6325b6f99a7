package dev.gort.simulators.kcidb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.web.JsonBody;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jboss.logging.Logger;

/**
 * A stand-in for KCIDB's REST submission endpoint: {@code POST /kcidb/submit} with {@code
 * Authorization: Bearer <token>} and a KCIDB I/O v5 document ({@code application/json}). A valid
 * document is kept ({@link KcidbSink}) and answered 200 {@code {"accepted": {"checkouts": n, …}}};
 * every refusal is {@code {"errors": ["…"]}}: 401 without the token, 415 for another content type,
 * 413 above {@link #MAX_BODY_BYTES}, 400 for a document that is not JSON or not KCIDB I/O v5 (each
 * problem as {@code "<JSON pointer>: <problem>"}, at most {@link KcidbValidator#MAX_PROBLEMS}). A
 * failure scripted with {@code PUT /sim/kcidb/fail-next} is answered first, as an outage would be.
 */
@Path("/kcidb")
public class KcidbSubmitResource {

  /**
   * The largest document taken: the simulators' own limit on any body (gort.http.max-body-bytes).
   */
  static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  private static final Logger LOG = Logger.getLogger(KcidbSubmitResource.class);

  /** Strict: a field twice or anything after the document is malformed; deep but bounded. */
  private static final ObjectMapper PARSER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static {
    PARSER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(MAX_BODY_BYTES)
                .build());
  }

  private final KcidbValidator validator;
  private final KcidbSink sink;
  private final Optional<byte[]> token;

  @Inject
  public KcidbSubmitResource(KcidbValidator validator, KcidbSink sink, KcidbSimConfig config) {
    this.validator = validator;
    this.sink = sink;
    this.token =
        config.token().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  @POST
  @Path("/submit")
  @Produces(MediaType.APPLICATION_JSON)
  public Response submit(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      byte[] body) {
    OptionalInt scripted = sink.takeFailure();
    if (scripted.isPresent()) {
      return refuse(scripted.getAsInt(), List.of("a failure scripted by /sim/kcidb/fail-next"));
    }
    if (!authorized(authorization)) {
      return Response.fromResponse(
              refuse(401, List.of("Authorization: a valid bearer token is required")))
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
          .build();
    }
    if (contentType == null || !isJson(contentType)) {
      return refuse(415, List.of("Content-Type: a submission is application/json"));
    }
    byte[] bytes = body == null ? new byte[0] : body;
    if (bytes.length > MAX_BODY_BYTES) {
      return refuse(
          413,
          List.of(
              "the body has " + bytes.length + " bytes; at most " + MAX_BODY_BYTES + " are taken"));
    }
    JsonNode document;
    try {
      document = bytes.length == 0 ? null : PARSER.readTree(bytes);
    } catch (JsonProcessingException e) {
      return refuse(400, List.of(": " + JsonBody.describe(e)));
    } catch (IOException e) {
      return refuse(400, List.of(": the body cannot be read"));
    }
    KcidbValidator.Problems problems = validator.check(document);
    if (!problems.none()) {
      LOG.infof("KCIDB submission refused: %d problem(s)", problems.found().size());
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("errors", problems.found());
      if (problems.truncated()) {
        answer.put("truncated", true);
      }
      return json(400, answer);
    }
    KcidbSubmission kept = sink.record(document);
    LOG.infof("KCIDB submission %d accepted: %s", kept.id(), kept.counts());
    return json(200, Map.of("accepted", kept.counts()));
  }

  private boolean authorized(String authorization) {
    if (token.isEmpty()
        || authorization == null
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(token.get(), given);
  }

  private static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.endsWith("+json");
  }

  private static Response refuse(int status, List<String> errors) {
    return json(status, Map.of("errors", errors));
  }

  private static Response json(int status, Object entity) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(entity).build();
  }
}
