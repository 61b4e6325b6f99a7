package dev.gort.gateway.runner.tuxsuite;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.web.Untrusted;
import dev.gort.gateway.runner.CallbackRejectedException;
import dev.gort.gateway.runner.CallbackRequest;
import dev.gort.gateway.runner.JobIds;
import dev.gort.gateway.runner.RunKind;
import dev.gort.gateway.runner.RunnerReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * A TuxSuite callback, verified then read (docs/runners/tuxsuite.md, "Callbacks"). The header
 * {@code x-tux-payload-signature} is the base64url of a DER ECDSA P-256 / SHA-256 signature by the
 * project's key. TuxSuite POSTs the signed JSON document as a JSON <em>string</em> (its content is
 * the document; the signature is over that string's UTF-8 bytes, as TuxSuite's docs and SQUAD's
 * {@code validate_callback} verify it); a body that is the JSON object itself is verified over its
 * raw bytes. The document: {@code {"kind": "test" | "build" | …, "status": {uid, project, state,
 * result, download_url, …}}}.
 */
final class TuxSuiteCallback {

  static final String SIGNATURE_HEADER = "x-tux-payload-signature";
  static final int MAX_BODY = 1024 * 1024;

  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
              .build());

  private final TuxSuiteKeys keys;
  private final Function<String, String> statusUrl;

  /** The verifier of the latest key in use, with its precomputed tables. */
  private volatile P256Signatures verifier;

  /**
   * @param statusUrl the API URL of a job by its kind path and uid ({@code tests/…}, {@code
   *     builds/…}): a job's results location when its payload has no download_url
   */
  TuxSuiteCallback(TuxSuiteKeys keys, Function<String, String> statusUrl) {
    this.keys = keys;
    this.statusUrl = statusUrl;
  }

  RunnerReport verify(CallbackRequest request) {
    byte[] body = request.body();
    if (body.length > MAX_BODY) {
      throw CallbackRejectedException.malformed("callback body larger than " + MAX_BODY + " bytes");
    }
    byte[] signature = signature(request.header(SIGNATURE_HEADER));
    byte[] signed = signedBytes(body);
    ECPublicKey key = keys.current();
    if (!holds(key, signed, signature)) {
      Optional<ECPublicKey> fresh = keys.refetch(key);
      if (fresh.isEmpty() || !holds(fresh.get(), signed, signature)) {
        throw CallbackRejectedException.badSignature(
            "x-tux-payload-signature does not hold under the project's key");
      }
    }
    return report(signed);
  }

  /** What the signature covers: a JSON string body's content, otherwise the raw body. */
  static byte[] signedBytes(byte[] body) {
    try (JsonParser parser = JSON.getFactory().createParser(body)) {
      if (parser.nextToken() == JsonToken.VALUE_STRING) {
        String content = parser.getText();
        if (parser.nextToken() == null) {
          return content.getBytes(StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      // not JSON at all: the signature is checked over the raw bytes, and reading it fails after
    }
    return body;
  }

  private static byte[] signature(String header) {
    if (header == null || header.isBlank()) {
      throw CallbackRejectedException.badSignature("callback without x-tux-payload-signature");
    }
    String value = header.trim();
    try {
      return value.indexOf('+') >= 0 || value.indexOf('/') >= 0
          ? Base64.getDecoder().decode(value)
          : Base64.getUrlDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw CallbackRejectedException.badSignature("x-tux-payload-signature is not base64url");
    }
  }

  private boolean holds(ECPublicKey key, byte[] signed, byte[] signature) {
    P256Signatures current = verifier;
    if (current == null || current.key() != key) {
      try {
        current = new P256Signatures(key);
      } catch (IllegalArgumentException e) {
        return false; // OpenSshEcKey checks the point; this is the second line of defence
      }
      verifier = current;
    }
    return current.holds(signed, signature);
  }

  private RunnerReport report(byte[] document) {
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (IOException e) {
      throw CallbackRejectedException.malformed("callback is not a JSON document");
    }
    if (root == null || !root.isObject()) {
      throw CallbackRejectedException.malformed("callback is not a JSON object");
    }
    String kind = text(root, "kind");
    JsonNode status = root.get("status");
    if (kind == null || status == null || !status.isObject()) {
      throw CallbackRejectedException.malformed("callback without its kind and status");
    }
    String uid = text(status, "uid");
    if (!JobIds.valid(uid)) {
      throw CallbackRejectedException.malformed("callback without a status.uid");
    }
    RunKind runKind =
        switch (kind) {
          case "build" -> RunKind.BUILD;
            // a test's and a boot test's payloads are both "test"; the URL's kind tells them apart
          case "test" -> null;
          default ->
              throw CallbackRejectedException.malformed(
                  "callback of kind " + Untrusted.quote(kind) + ", not one Gort dispatches");
        };
    String state = text(status, "state");
    if (state == null) {
      throw CallbackRejectedException.malformed("callback without a status.state");
    }
    if (!"finished".equals(state)) {
      return RunnerReport.progress(uid, runKind, "state: " + Untrusted.escape(state, 40));
    }
    String result = text(status, "result");
    if (result == null) {
      throw CallbackRejectedException.malformed("finished callback without a status.result");
    }
    return TuxSuiteOutcomes.report(uid, runKind, status, statusUrl.apply(path(kind, uid)), "");
  }

  static String path(String kind, String uid) {
    return ("build".equals(kind) ? "builds/" : "tests/") + uid;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }
}
