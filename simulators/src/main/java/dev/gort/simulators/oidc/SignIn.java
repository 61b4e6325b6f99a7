package dev.gort.simulators.oidc;

import java.time.Instant;

/**
 * A user signed in to a client through the code flow: what its tokens say, at the code's exchange
 * and at every refresh after it.
 *
 * @param nonce the authorization request's nonce, kept in every ID token (OpenID Connect Core
 *     section 12.2); null when it had none
 * @param authTime when the user typed their password ({@code auth_time})
 */
record SignIn(String clientId, String username, String scope, String nonce, Instant authTime) {}
