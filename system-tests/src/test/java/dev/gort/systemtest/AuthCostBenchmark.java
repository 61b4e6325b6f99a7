package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test of {@code verify}: what authentication costs a request. Prints p50/p99 of
 *
 * <ul>
 *   <li>verifying one access token the way quarkus-oidc does for every request (jose4j: RS256
 *       signature against the issuer's JWKS, issuer, audience, expiry), in the test JVM;
 *   <li>a whole authenticated request ({@code GET /api/v1/runners} with a token) against one
 *       refused before verification ({@code GET /api/v1/runners} without a token) and the open
 *       health probe, on the real stack over loopback.
 * </ul>
 *
 * Run with {@code ./mvnw -pl system-tests -am verify -Dtest=None
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=AuthCostBenchmark}.
 */
class AuthCostBenchmark {

  private static final int REQUESTS = Integer.getInteger("gort.bench.requests", 2000);

  @Test
  void authenticationCostPerRequest() throws Exception {
    GortStack stack = GortStack.shared();
    String token = stack.token("ops");

    JwtConsumer verifier =
        new JwtConsumerBuilder()
            .setVerificationKeyResolver(
                new HttpsJwksVerificationKeyResolver(
                    new HttpsJwks(stack.issuer() + "/protocol/openid-connect/certs")))
            .setExpectedIssuer(stack.issuer())
            .setExpectedAudience("gort")
            .setRequireExpirationTime()
            .setAllowedClockSkewInSeconds(30)
            .build();
    List<Long> verify = new ArrayList<>();
    for (int i = 0; i < 10 * REQUESTS; i++) {
      long t = System.nanoTime();
      verifier.processToClaims(token);
      if (i >= REQUESTS) {
        verify.add(System.nanoTime() - t);
      }
    }

    String runners = stack.url(GATEWAY) + "/api/v1/runners";
    String health = stack.url(GATEWAY) + "/q/health/live";
    Http.Session withToken = Http.as(token);
    Http.Session without = Http.anonymous();
    List<Long> authenticated = new ArrayList<>();
    List<Long> refused = new ArrayList<>();
    List<Long> open = new ArrayList<>();
    for (int i = 0; i < 2 * REQUESTS; i++) {
      boolean counted = i >= REQUESTS;
      time(
          () -> assertThat(withToken.get(runners).status()).isEqualTo(200), counted, authenticated);
      time(() -> assertThat(without.get(runners).status()).isEqualTo(401), counted, refused);
      time(() -> assertThat(without.get(health).status()).isEqualTo(200), counted, open);
    }

    report("verify one token (jose4j, RS256)", verify);
    report("GET /api/v1/runners with a token", authenticated);
    report("GET /api/v1/runners without (401)", refused);
    report("GET /q/health/live (open)", open);
    System.out.printf(
        "auth cost: added per request (authenticated - refused) p50 %.3f ms, p99 %.3f ms%n",
        (percentile(authenticated, 50) - percentile(refused, 50)) / 1e6,
        (percentile(authenticated, 99) - percentile(refused, 99)) / 1e6);
  }

  private static void time(Runnable call, boolean counted, List<Long> into) {
    long t = System.nanoTime();
    call.run();
    if (counted) {
      into.add(System.nanoTime() - t);
    }
  }

  private static void report(String what, List<Long> nanos) {
    System.out.printf(
        "auth cost: %-40s n=%d p50 %.3f ms p99 %.3f ms%n",
        what, nanos.size(), percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6);
  }

  private static double percentile(List<Long> nanos, int p) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
