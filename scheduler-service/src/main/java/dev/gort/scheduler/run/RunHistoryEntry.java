package dev.gort.scheduler.run;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** One state a run entered, when, and why. */
@Embeddable
public class RunHistoryEntry {

  @Column(nullable = false)
  public String state;

  @Column(nullable = false)
  public Instant at;

  public String reason;

  protected RunHistoryEntry() {}

  public RunHistoryEntry(RunState state, Instant at, String reason) {
    this.state = state.name();
    this.at = at;
    this.reason = reason;
  }
}
