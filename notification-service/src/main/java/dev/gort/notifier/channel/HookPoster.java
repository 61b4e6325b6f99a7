package dev.gort.notifier.channel;

import dev.gort.common.outbound.OutboundFetchException;
import dev.gort.common.outbound.OutboundFetcher;
import dev.gort.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts a JSON document to an owner's webhook URL (chat or generic), through the one outbound guard
 * of {@code gort-common}: public destinations only unless allow-listed ({@code
 * gort.outbound.allow}), https unless allow-listed, no redirects, the guard's timeouts and the
 * notifier's send timeout, the answer read no further than {@link #MAX_ANSWER_BYTES}. Tells a try
 * worth repeating from one that is not ({@link #retryable(int)}).
 */
@ApplicationScoped
public class HookPoster {

  /** What of a destination's answer is read: its status decides, its body is not needed. */
  static final int MAX_ANSWER_BYTES = 4096;

  @Inject OutboundFetcher outbound;
  @Inject NotifierConfig config;

  /**
   * POSTs {@code json} with {@code headers} (and {@code Content-Type: application/json}).
   *
   * @throws ChannelFailure permanent when the guard refuses the URL or the destination answers a
   *     status {@link #retryable(int)} does not name; retryable otherwise
   */
  public void post(String what, String url, String json, Map<String, String> headers) {
    // checked when the owner gave it, and again now: an address or the allow-list may have changed
    var refusal = outbound.refusal(url, true);
    if (refusal.isPresent()) {
      throw ChannelFailure.permanent(what + " URL refused by the outbound guard: " + refusal.get());
    }
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json");
    try {
      outbound.post(
          what,
          url,
          all,
          json.getBytes(StandardCharsets.UTF_8),
          MAX_ANSWER_BYTES,
          config.sendTimeout());
    } catch (OutboundFetchException e) {
      throw failure(e);
    }
  }

  static ChannelFailure failure(OutboundFetchException e) {
    if (e.refused()) {
      return ChannelFailure.permanent(e.getMessage() + " (refused by the outbound guard)");
    }
    if (e.status() == 0) {
      return ChannelFailure.retryable(e.getMessage() + " (no answer)");
    }
    String reason = e.getMessage() + " (answered " + e.status() + ")";
    return retryable(e.status())
        ? ChannelFailure.retryable(reason)
        : ChannelFailure.permanent(reason);
  }

  /**
   * Whether an answer of {@code status} (not 2xx) is worth another try: a timeout (408), too many
   * requests (429) or a server error (5xx). Any other (a 4xx, a redirect, which a POST does not
   * follow) says the destination will not take this notification as it is.
   */
  static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }
}
