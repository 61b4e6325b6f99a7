package dev.gort.console.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The CSRF token of the signed-in user's session, written into every form ({@code tags/csrf.html})
 * and required by every POST ({@link #require}): an HMAC, under a key derived from the session
 * secret, of the issuer, the user and the sign-in (the ID token's {@code sid}, else its {@code
 * auth_time}). Nothing in it comes from a cookie, so another site cannot plant one, and another
 * user's token is of no use: it names that user. {@code FormGuard} also refuses unsafe requests
 * from other origins before they are read.
 */
@Named("csrf")
@RequestScoped
public class Csrf {

  public static final String FIELD = "csrf-token";
  private static final String PURPOSE = "gort-console/csrf/v1";

  @Inject SecurityIdentity identity;

  @ConfigProperty(name = "gort.console.session-secret")
  Optional<String> secret;

  private String token;

  public String getParameterName() {
    return FIELD;
  }

  /** The session's token; empty for a page without a signed-in user (it has no forms). */
  public String getToken() {
    if (token == null) {
      token = identity.isAnonymous() ? "" : tokenFor(key(), session(identity));
    }
    return token;
  }

  /** Refuses the request unless {@code formToken} is the session's token. */
  public void require(String formToken) {
    String expected = getToken();
    if (formToken == null
        || expected.isEmpty()
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8),
            formToken.getBytes(StandardCharsets.UTF_8))) {
      throw new CsrfRejected();
    }
  }

  /** Who signed in, when: what a token is bound to. */
  static String session(SecurityIdentity identity) {
    if (identity.getPrincipal() instanceof JsonWebToken id) {
      Object signIn = id.getClaim("sid") != null ? id.getClaim("sid") : id.getClaim("auth_time");
      return id.getIssuer() + "|" + id.getSubject() + "|" + signIn;
    }
    return "|" + identity.getPrincipal().getName() + "|";
  }

  static String tokenFor(byte[] key, String session) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, session));
  }

  /** A key of its own, derived from the session secret, which also encrypts the sessions. */
  private byte[] key() {
    String base = secret.filter(s -> !s.isBlank()).orElse(SessionSecret.generated());
    return hmac(base.getBytes(StandardCharsets.UTF_8), PURPOSE);
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** A form that did not come from a page of this console for this session. */
  public static class CsrfRejected extends RuntimeException {
    CsrfRejected() {
      super("the form's CSRF token is missing or does not match the session");
    }
  }
}
