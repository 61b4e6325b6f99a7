package dev.gort.gateway.callback;

import dev.gort.common.groupcommit.GroupCommit;
import dev.gort.common.web.ProblemException;
import dev.gort.gateway.config.GatewayConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Records verified callbacks many to a transaction ({@link GroupCommit}): under load a callback
 * costs a share of one begin and commit instead of one of its own, and is still answered only once
 * its record committed. A refusal (404, 409) is the callback's own answer and leaves the others in
 * its transaction alone.
 */
@ApplicationScoped
public class CallbackWriter {

  @Inject GatewayConfig config;

  private GroupCommit commits;

  @PostConstruct
  void start() {
    commits =
        new GroupCommit(
            "gort-callback-writer",
            config.callbackWriters(),
            CallbackWriter::inNewTransaction,
            e -> e instanceof ProblemException,
            config.callbackBatch(),
            config.callbackQueue(),
            config.callbackWait());
  }

  @PreDestroy
  void stop() {
    if (commits != null) {
      commits.close();
    }
  }

  /**
   * Runs {@code recording} (which must refuse before it writes anything) in the next shared
   * transaction; 503 with {@code Retry-After} when too many wait or the commit does not come.
   */
  public <T> T write(Supplier<T> recording) {
    try {
      return commits.run(recording);
    } catch (GroupCommit.Busy e) {
      throw ProblemException.withHeaders(
          503,
          "Service Unavailable",
          "the callback could not be recorded now (" + e.getMessage() + "); send it again",
          null,
          Map.of("Retry-After", "1"));
    }
  }

  private static <T> T inNewTransaction(Supplier<T> work) {
    return QuarkusTransaction.requiringNew().call(work::get);
  }
}
