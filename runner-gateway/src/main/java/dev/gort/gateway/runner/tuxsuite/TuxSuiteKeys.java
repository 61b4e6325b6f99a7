package dev.gort.gateway.runner.tuxsuite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.common.web.ProblemException;
import dev.gort.gateway.runner.RunnerApi;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The project's callback key, {@code GET /v1/groups/{group}/projects/{project}/keys} → {@code
 * ssh.pub}, cached. A signature that does not hold under the cached key gets one fetch of the key
 * again (TuxSuite may have rotated it), at most one per {@code refetchInterval}: forged callbacks
 * cannot make the gateway hammer TuxSuite. One fetch at a time (each bounded by the TuxSuite read
 * timeout), and never in the way of other callbacks: a callback whose signature fails while a fetch
 * is under way is refused at once (401) instead of waiting for it, so a flood of forged callbacks
 * and a slow TuxSuite together cannot tie up the gateway's threads. Only the very first fetch, when
 * there is no key at all, is waited for.
 */
final class TuxSuiteKeys {

  /** The key cannot be had now: the callback is answered 503, and TuxSuite sends it again. */
  static final class KeyUnavailable extends ProblemException {
    KeyUnavailable(String detail) {
      super(503, "Service Unavailable", detail);
    }
  }

  private final Supplier<RunnerApi.Answer> fetch;
  private final Clock clock;
  private final Duration refetchInterval;
  private final ReentrantLock fetching = new ReentrantLock();
  private volatile ECPublicKey key;
  private volatile Instant fetchedAt;

  TuxSuiteKeys(Supplier<RunnerApi.Answer> fetch, Clock clock, Duration refetchInterval) {
    this.fetch = fetch;
    this.clock = clock;
    this.refetchInterval = refetchInterval;
  }

  /** The cached key, fetched first when there is none. */
  ECPublicKey current() {
    ECPublicKey cached = key;
    if (cached != null) {
      return cached;
    }
    fetching.lock();
    try {
      if (key == null) {
        key = fetchNow();
      }
      return key;
    } finally {
      fetching.unlock();
    }
  }

  /**
   * The key fetched again after {@code stale} failed a signature, or empty when it is the same key,
   * a fetch was made too recently, or another callback's fetch is under way.
   */
  Optional<ECPublicKey> refetch(ECPublicKey stale) {
    ECPublicKey cached = key;
    if (cached != null && !cached.equals(stale)) {
      return Optional.of(cached); // another callback fetched it meanwhile
    }
    if (fetchedRecently() || !fetching.tryLock()) {
      return Optional.empty();
    }
    try {
      if (fetchedRecently()) {
        return Optional.empty();
      }
      ECPublicKey fresh = fetchNow();
      boolean changed = !fresh.equals(key);
      key = fresh;
      return changed ? Optional.of(fresh) : Optional.empty();
    } finally {
      fetching.unlock();
    }
  }

  private boolean fetchedRecently() {
    Instant last = fetchedAt;
    return last != null && clock.instant().isBefore(last.plus(refetchInterval));
  }

  private ECPublicKey fetchNow() {
    fetchedAt = clock.instant();
    RunnerApi.Answer answer;
    try {
      answer = fetch.get();
    } catch (RuntimeException e) {
      throw new KeyUnavailable("TuxSuite's callback key cannot be fetched: " + e.getMessage());
    }
    if (!answer.is(200)) {
      throw new KeyUnavailable(
          "TuxSuite answered " + answer.status() + " when asked for the project's callback key");
    }
    JsonNode json = answer.json();
    JsonNode pub = json == null ? null : json.path("ssh").get("pub");
    if (pub == null && json != null) {
      pub = json.get("ssh.pub");
    }
    if (pub == null || !pub.isTextual()) {
      throw new KeyUnavailable("TuxSuite's keys answer has no ssh.pub");
    }
    try {
      return OpenSshEcKey.parse(pub.asText());
    } catch (IllegalArgumentException e) {
      throw new KeyUnavailable("TuxSuite's ssh.pub is unusable: " + e.getMessage());
    }
  }
}
