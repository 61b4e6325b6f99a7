package dev.gort.console.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CSRF token of the browser's session: a random value signed with the session secret, kept in a
 * cookie of its own ({@code HttpOnly}, {@code SameSite=Strict}) and written into every form ({@code
 * tags/csrf.html}). A POST is taken only when its form field equals a correctly signed cookie
 * ({@link #require}): another site can make the browser send the cookie, never read it.
 */
@Named("csrf")
@RequestScoped
public class Csrf {

  public static final String FIELD = "csrf-token";
  static final String COOKIE = "gort-csrf";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  @Inject RoutingContext request;

  @ConfigProperty(name = "gort.console.session-secret")
  Optional<String> secret;

  @ConfigProperty(name = "gort.console.secure-cookies", defaultValue = "true")
  boolean secureCookies;

  private String token;

  public String getParameterName() {
    return FIELD;
  }

  /** The session's token; a new one (and its cookie) when the browser has none that is valid. */
  public String getToken() {
    if (token == null) {
      token = fromCookie().orElseGet(this::issue);
    }
    return token;
  }

  /** Refuses the request unless {@code formToken} is the session's token. */
  public void require(String formToken) {
    Optional<String> expected = fromCookie();
    if (formToken == null
        || expected.isEmpty()
        || !MessageDigest.isEqual(
            expected.get().getBytes(StandardCharsets.US_ASCII),
            formToken.getBytes(StandardCharsets.US_ASCII))) {
      throw new CsrfRejected();
    }
  }

  private Optional<String> fromCookie() {
    Cookie cookie = request.request().getCookie(COOKIE);
    if (cookie == null) {
      return Optional.empty();
    }
    String value = cookie.getValue();
    int dot = value.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String expected = sign(value.substring(0, dot));
    return MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII), value.getBytes(StandardCharsets.US_ASCII))
        ? Optional.of(value)
        : Optional.empty();
  }

  private String issue() {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String value = sign(B64.encodeToString(random));
    request
        .response()
        .addCookie(
            Cookie.cookie(COOKIE, value)
                .setPath("/")
                .setHttpOnly(true)
                .setSecure(secureCookies)
                .setSameSite(CookieSameSite.STRICT));
    return value;
  }

  /** {@code nonce.signature}. */
  private String sign(String nonce) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return nonce
          + "."
          + B64.encodeToString(mac.doFinal(nonce.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private byte[] key() {
    return secret
        .filter(s -> !s.isBlank())
        .orElse(SessionSecret.generated())
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A form that did not come from a page of this console, or whose token has gone. */
  public static class CsrfRejected extends RuntimeException {
    CsrfRejected() {
      super("the form's CSRF token is missing or does not match");
    }
  }
}
