package dev.gort.simulators.oidc;

import java.time.Instant;

/** An authorization code: the request it answers, who signed in, and until when it is good. */
record CodeGrant(
    AuthorizationRequest request, String username, Instant authTime, Instant expiresAt) {

  boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
