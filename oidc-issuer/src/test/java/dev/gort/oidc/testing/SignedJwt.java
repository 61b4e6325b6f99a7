package dev.gort.oidc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * A compact JWS taken apart and checked with java.security only, the way a resource server checks a
 * token against the issuer's JWKS: for tests of what an issuer minted.
 */
public final class SignedJwt {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

  private final String signingInput;
  private final JsonNode header;
  private final JsonNode claims;
  private final byte[] signature;

  private SignedJwt(String signingInput, JsonNode header, JsonNode claims, byte[] signature) {
    this.signingInput = signingInput;
    this.header = header;
    this.claims = claims;
    this.signature = signature;
  }

  public static SignedJwt parse(String compact) {
    String[] parts = compact.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("a compact JWS has 3 parts, this has " + parts.length);
    }
    return new SignedJwt(
        parts[0] + "." + parts[1],
        readJson(BASE64URL.decode(parts[0])),
        readJson(BASE64URL.decode(parts[1])),
        BASE64URL.decode(parts[2]));
  }

  public JsonNode header() {
    return header;
  }

  public JsonNode claims() {
    return claims;
  }

  /**
   * Whether the RS256 signature verifies with the JWKS key whose {@code kid} the header names;
   * false when no key has that id or the header is not RS256.
   */
  public boolean verifiesWith(String jwksJson) {
    if (!"RS256".equals(header.path("alg").asText())) {
      return false;
    }
    String kid = header.path("kid").asText();
    for (JsonNode jwk : readJson(jwksJson.getBytes(StandardCharsets.UTF_8)).path("keys")) {
      if (kid.equals(jwk.path("kid").asText()) && "RSA".equals(jwk.path("kty").asText())) {
        return verifies(rsaKey(jwk));
      }
    }
    return false;
  }

  private boolean verifies(PublicKey key) {
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(key);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return rs256.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static PublicKey rsaKey(JsonNode jwk) {
    BigInteger n = new BigInteger(1, BASE64URL.decode(jwk.path("n").asText()));
    BigInteger e = new BigInteger(1, BASE64URL.decode(jwk.path("e").asText()));
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    } catch (GeneralSecurityException ex) {
      throw new IllegalArgumentException("not an RSA JWK: " + jwk, ex);
    }
  }

  private static JsonNode readJson(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON", e);
    }
  }
}
