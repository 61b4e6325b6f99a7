package dev.gort.simulators.ai;

import dev.gort.simulators.web.Rfc3339;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the simulated model answers each decision (good until told otherwise, the error status 500
 * unless told) and the requests it received, the last {@link #MAX_KEPT}.
 */
@Singleton
public class ModelBehaviour {

  /** The most requests kept. */
  static final int MAX_KEPT = 1_000;

  /** The most characters of an answer kept with its request. */
  static final int MAX_ANSWER_CHARS = 4_000;

  /** How one decision is answered. */
  public record Setting(AnswerMode mode, int errorStatus) {
    static final Setting GOOD = new Setting(AnswerMode.GOOD, 500);
  }

  private final Clock clock;
  private final Map<Decision, Setting> settings = new EnumMap<>(Decision.class);
  private final Deque<ReceivedRequest> requests = new ArrayDeque<>();
  private long sequence;

  @Inject
  public ModelBehaviour(Clock clock) {
    this.clock = clock;
    reset();
  }

  /** How {@code decision} is answered now; a request told apart from none is answered good. */
  public synchronized Setting setting(Decision decision) {
    return decision == null ? Setting.GOOD : settings.get(decision);
  }

  /** Sets how {@code decision} (null: every decision) is answered. */
  public synchronized void set(Decision decision, Setting setting) {
    if (decision == null) {
      for (Decision d : Decision.values()) {
        settings.put(d, setting);
      }
    } else {
      settings.put(decision, setting);
    }
  }

  /** Every decision answered good again. */
  public synchronized void reset() {
    set(null, Setting.GOOD);
  }

  /** Each decision's name with its mode (and error status, in mode error). */
  public synchronized Map<String, Object> describe() {
    Map<String, Object> all = new LinkedHashMap<>();
    settings.forEach(
        (d, s) ->
            all.put(
                d.schemaName(),
                s.mode() == AnswerMode.ERROR
                    ? Map.of("mode", s.mode().wireName(), "status", s.errorStatus())
                    : Map.of("mode", s.mode().wireName())));
    return all;
  }

  public synchronized ReceivedRequest record(
      Decision decision,
      AnswerMode mode,
      String model,
      boolean strict,
      int status,
      String answer,
      List<String> schemaProblems) {
    String kept =
        answer == null || answer.length() <= MAX_ANSWER_CHARS
            ? answer
            : answer.substring(0, MAX_ANSWER_CHARS);
    ReceivedRequest request =
        new ReceivedRequest(
            ++sequence,
            Rfc3339.format(clock.instant()),
            decision == null ? null : decision.schemaName(),
            mode == null ? null : mode.wireName(),
            model,
            strict,
            status,
            kept,
            List.copyOf(schemaProblems));
    requests.addLast(request);
    while (requests.size() > MAX_KEPT) {
      requests.removeFirst();
    }
    return request;
  }

  /** The requests kept, oldest first, of {@code decision} (null: all). */
  public synchronized List<ReceivedRequest> requests(String decision) {
    return requests.stream()
        .filter(r -> decision == null || decision.equals(r.decision()))
        .toList();
  }

  public synchronized void clear() {
    requests.clear();
  }
}
