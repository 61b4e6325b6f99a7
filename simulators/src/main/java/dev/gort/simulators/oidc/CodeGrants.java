package dev.gort.simulators.oidc;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The code flow's state, in memory: logins waiting for their user's password (by the opaque id the
 * login page carries, so the page holds none of the request) and the codes handed out, at most
 * {@code max-codes} of each. A code is single-use: its first exchange takes it, whether it succeeds
 * or not, as Keycloak's does.
 */
@Singleton
public class CodeGrants {

  /** More logins or codes are pending than the realm holds. */
  static final class Full extends RuntimeException {
    Full() {
      super("too many pending logins or codes", null, false, false);
    }
  }

  private record PendingLogin(AuthorizationRequest request, Instant expiresAt) {}

  private final Duration codeLifetime;
  private final Duration loginTimeout;
  private final int maxCodes;
  private final Map<String, PendingLogin> logins = new LinkedHashMap<>();
  private final Map<String, CodeGrant> codes = new LinkedHashMap<>();

  @Inject
  public CodeGrants(OidcConfig config) {
    this(
        config.oidc().code().lifetime(),
        config.oidc().code().loginTimeout(),
        config.oidc().code().maxCodes());
  }

  CodeGrants(Duration codeLifetime, Duration loginTimeout, int maxCodes) {
    this.codeLifetime = codeLifetime;
    this.loginTimeout = loginTimeout;
    this.maxCodes = maxCodes;
  }

  /**
   * @return the id of a new pending login for {@code request}
   * @throws Full when {@code max-codes} logins are pending
   */
  public synchronized String startLogin(AuthorizationRequest request, Instant now) {
    logins.values().removeIf(login -> !now.isBefore(login.expiresAt()));
    if (logins.size() >= maxCodes) {
      throw new Full();
    }
    String id = SecretTokens.next();
    logins.put(id, new PendingLogin(request, now.plus(loginTimeout)));
    return id;
  }

  /** The request of a pending login; empty when unknown, expired or finished. */
  public synchronized Optional<AuthorizationRequest> pendingLogin(String id, Instant now) {
    PendingLogin login = id == null ? null : logins.get(id);
    if (login == null || !now.isBefore(login.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(login.request());
  }

  /**
   * Finishes a pending login of {@code username} with a new code.
   *
   * @return the code; empty when the login is unknown, expired or finished already
   * @throws Full when {@code max-codes} codes wait for their exchange
   */
  public synchronized Optional<String> issueCode(String loginId, String username, Instant now) {
    Optional<AuthorizationRequest> request = pendingLogin(loginId, now);
    if (request.isEmpty()) {
      return Optional.empty();
    }
    forgetExpiredCodes(now);
    if (codes.size() >= maxCodes) {
      throw new Full();
    }
    logins.remove(loginId);
    String code = SecretTokens.next();
    codes.put(code, new CodeGrant(request.get(), username, now, now.plus(codeLifetime)));
    return Optional.of(code);
  }

  /** Takes a code for its exchange; empty when never issued, used already or expired. */
  public synchronized Optional<CodeGrant> redeem(String code, Instant now) {
    CodeGrant grant = code == null ? null : codes.remove(code);
    if (grant == null || grant.isExpired(now)) {
      return Optional.empty();
    }
    return Optional.of(grant);
  }

  private void forgetExpiredCodes(Instant now) {
    Iterator<CodeGrant> it = codes.values().iterator();
    while (it.hasNext()) {
      if (it.next().isExpired(now)) {
        it.remove();
      }
    }
  }
}
