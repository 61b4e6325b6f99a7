package dev.gort.gateway.runner;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body kept up to {@code cap} bytes: past the cap the rest is not read (the subscription
 * is cancelled) and the body is what came before it. A runner's answer cannot fill the gateway's
 * memory.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

  private final int cap;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> done = new CompletableFuture<>();
  private Flow.Subscription subscription;

  CappedBody(int cap) {
    this.cap = cap;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return done;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      int n = Math.min(buffer.remaining(), cap - bytes.size());
      byte[] chunk = new byte[n];
      buffer.get(chunk);
      bytes.writeBytes(chunk);
      if (bytes.size() >= cap) {
        subscription.cancel();
        done.complete(bytes.toByteArray());
        return;
      }
    }
  }

  @Override
  public void onError(Throwable error) {
    done.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    done.complete(bytes.toByteArray());
  }
}
