package dev.gort.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpAccessTest {

  @Test
  void onlyHealthAndCallbacksAreOpen() {
    assertThat(HttpAccess.isOpen("/q/health")).isTrue();
    assertThat(HttpAccess.isOpen("/q/health/ready")).isTrue();
    assertThat(HttpAccess.isOpen("/api/v1/callbacks/sim/test")).isTrue();
    assertThat(HttpAccess.isOpen("/q/healthz")).isFalse();
    assertThat(HttpAccess.isOpen("/q/metrics")).isFalse();
    assertThat(HttpAccess.isOpen("/api/v1/callbacks")).isFalse();
    assertThat(HttpAccess.isOpen("/api/v1/test-runs")).isFalse();
  }

  @Test
  void aBearerTokenIsTheSchemeAndSomething() {
    assertThat(HttpAccess.hasBearer("Bearer abc")).isTrue();
    assertThat(HttpAccess.hasBearer("bearer abc")).isTrue();
    assertThat(HttpAccess.hasBearer("Bearer ")).isFalse();
    assertThat(HttpAccess.hasBearer("Basic YWxpY2U6cA==")).isFalse();
    assertThat(HttpAccess.hasBearer(null)).isFalse();
  }
}
