package dev.gort.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class RequestHygieneTest {

  private final RequestHygiene hygiene = new RequestHygiene();

  {
    hygiene.limits =
        new HttpLimits() {
          @Override
          public int maxUriLength() {
            return 200;
          }

          @Override
          public int maxHeaderBytes() {
            return 300;
          }

          @Override
          public int maxPathSegmentLength() {
            return 20;
          }

          @Override
          public int maxQueryValueLength() {
            return 30;
          }

          @Override
          public int maxQueryParameters() {
            return 4;
          }

          @Override
          public int maxBodyBytes() {
            return 1000;
          }
        };
  }

  @Test
  void ordinaryRequestsPass() {
    assertThat(inspect("/api/v1/test-runs/abc-123?$top=5&experiment=exp%20one")).isNull();
    assertThat(inspect("/api/v1/operations?$filter=status+eq+%27running%27")).isNull();
    assertThat(inspect("/api/v1/experiments/caf%C3%A9/test-runs")).isNull();
  }

  @Test
  void aNulOrControlCharacterAnywhereIsA400() {
    assertRejected("/api/v1/test-runs/abc%00", 400, "NUL");
    assertRejected("/api/v1/experiments/demo%0D%0AINFO%20forged/test-runs", 400, "control");
    assertRejected("/api/v1/operations?$filter=%00", 400, "'$filter' holds a NUL");
    assertRejected("/api/v1/operations?na%00me=1", 400, "invalid parameter name");
  }

  @Test
  void brokenEscapesAndBytesThatAreNotUtf8AreA400() {
    assertRejected("/api/v1/test-runs/%ZZ", 400, "broken percent escape");
    assertRejected("/api/v1/test-runs/%C3", 400, "not UTF-8");
    assertRejected("/api/v1/test-runs?experiment=%FF%FE", 400, "not UTF-8");
  }

  @Test
  void overLongValuesAreRefusedWithoutEchoingThem() {
    RequestHygiene.Rejection r = inspect("/api/v1/test-runs/" + "a".repeat(21));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.detail()).doesNotContain("aaaa");
    assertRejected("/x?experiment=" + "b".repeat(31), 400, "longer than 30");
    assertRejected("/x?a=1&b=2&c=3&d=4&e=5", 400, "more than 4");
  }

  @Test
  void tooLongTargetsHeadersAndDeclaredBodiesGetTheirOwnStatus() {
    assertThat(inspect("/" + "a/".repeat(150)).status()).isEqualTo(414);
    assertThat(
            hygiene
                .inspect("/x", MultiMap.caseInsensitiveMultiMap().add("X-Big", "v".repeat(400)))
                .status())
        .isEqualTo(431);
    assertThat(
            hygiene
                .inspect("/x", MultiMap.caseInsensitiveMultiMap().add("Content-Length", "1001"))
                .status())
        .isEqualTo(413);
    assertThat(
            hygiene.inspect("/x", MultiMap.caseInsensitiveMultiMap().add("Content-Length", "1000")))
        .isNull();
  }

  private RequestHygiene.Rejection inspect(String uri) {
    return hygiene.inspect(uri, MultiMap.caseInsensitiveMultiMap());
  }

  private void assertRejected(String uri, int status, String detail) {
    RequestHygiene.Rejection r = inspect(uri);
    assertThat(r).as(uri).isNotNull();
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.detail()).contains(detail);
  }
}
