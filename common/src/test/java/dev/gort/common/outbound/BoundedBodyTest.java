package dev.gort.common.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

  @Test
  void chunksUpToTheCapAreKeptInOrder() {
    BoundedBody body = new BoundedBody(10, -1);

    assertThat(body.append(Buffer.buffer("hello "))).isTrue();
    assertThat(body.append(Buffer.buffer("you!"))).isTrue();

    assertThat(body.body().text()).isEqualTo("hello you!");
    assertThat(body.body().length()).isEqualTo(10);
  }

  @Test
  void aChunkThatWouldPassTheCapIsRefusedAndNothingOfItIsKept() {
    BoundedBody body = new BoundedBody(10, -1);
    body.append(Buffer.buffer("12345678"));

    assertThat(body.append(Buffer.buffer("abc"))).isFalse();
    assertThat(body.body().text()).isEqualTo("12345678");
  }

  @Test
  void theBufferNeverGrowsPastTheCapHoweverTheServerSendsIt() {
    int cap = 100_000;
    BoundedBody undeclared = new BoundedBody(cap, -1);
    Buffer chunk = Buffer.buffer(new byte[7_000]);
    while (undeclared.append(chunk)) {
      assertThat(undeclared.capacity()).isLessThanOrEqualTo(cap);
    }
    assertThat(undeclared.capacity()).isLessThanOrEqualTo(cap);
    assertThat(undeclared.body().length()).isEqualTo(98_000);

    // a lying Content-Length cannot make it allocate more than the cap either
    assertThat(new BoundedBody(cap, Long.MAX_VALUE).capacity()).isEqualTo(cap);
  }

  @Test
  void aDeclaredLengthSizesTheBufferOnceSoTheBodyIsCopiedOnce() {
    byte[] document = "{\"tests\": []}".getBytes(StandardCharsets.UTF_8);
    BoundedBody body = new BoundedBody(1_000_000, document.length);

    body.append(Buffer.buffer(document));

    assertThat(body.capacity()).isEqualTo(document.length);
    assertThat(body.body().text()).isEqualTo("{\"tests\": []}");
  }
}
