package dev.gort.common.pipeline;

import java.util.Set;

/**
 * Which failures of a job the pipeline tolerates: none, any ({@code allow_failure: true}), or only
 * the listed exit codes ({@code allow_failure: {exit_codes: [1, 137]}}, as GitLab spells it).
 */
public record AllowFailure(boolean any, Set<Integer> exitCodes) {
  public static final AllowFailure NONE = new AllowFailure(false, Set.of());
  public static final AllowFailure ANY = new AllowFailure(true, Set.of());

  public AllowFailure {
    exitCodes = Set.copyOf(exitCodes);
  }

  /** Whether a failure that ended with {@code exitCode} (null when there was none) is tolerated. */
  public boolean allows(Integer exitCode) {
    return any || (exitCode != null && exitCodes.contains(exitCode));
  }
}
