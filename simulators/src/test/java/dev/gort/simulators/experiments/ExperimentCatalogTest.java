package dev.gort.simulators.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExperimentCatalogTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private final ExperimentCatalog catalog = new ExperimentCatalog(clock);

  @Test
  void absentFieldsTakeDefaultsAndRevisionIsDerived() {
    Experiment stored = catalog.upsert(new ExperimentUpsert("exp-1", null, null, null, null, null));

    assertThat(stored.owner()).isEqualTo("owner");
    assertThat(stored.ownerEmail()).isEqualTo("owner@example.com");
    assertThat(stored.name()).isEqualTo("exp-1");
    assertThat(stored.readyForTest()).isFalse();
    assertThat(stored.revision())
        .matches("[0-9a-f]{12}")
        .isEqualTo(
            ExperimentCatalog.revisionOf("exp-1", "owner", "owner@example.com", "exp-1", false));
    assertThat(stored.lastModified()).isEqualTo("2025-03-01T10:00:00Z");
  }

  @Test
  void everyFieldChangeWithoutExplicitRevisionChangesTheRevision() {
    String base = ExperimentCatalog.revisionOf("s", "o", "o@x", "n", false);

    assertThat(ExperimentCatalog.revisionOf("s", "o2", "o@x", "n", false)).isNotEqualTo(base);
    assertThat(ExperimentCatalog.revisionOf("s", "o", "o2@x", "n", false)).isNotEqualTo(base);
    assertThat(ExperimentCatalog.revisionOf("s", "o", "o@x", "n2", false)).isNotEqualTo(base);
    assertThat(ExperimentCatalog.revisionOf("s", "o", "o@x", "n", true)).isNotEqualTo(base);
    // Moving characters between fields is a change too.
    assertThat(ExperimentCatalog.revisionOf("s", "oo", "@x", "n", false)).isNotEqualTo(base);
  }

  @Test
  void repostingTheSameExperimentKeepsLastModified() {
    Experiment first = catalog.upsert(new ExperimentUpsert("exp-2", "ann", null, null, true, null));
    clock.advance(Duration.ofMinutes(5));

    Experiment again = catalog.upsert(new ExperimentUpsert("exp-2", "ann", null, null, true, null));
    Experiment changed =
        catalog.upsert(new ExperimentUpsert("exp-2", "bob", null, null, true, null));

    assertThat(again.lastModified()).isEqualTo(first.lastModified());
    assertThat(changed.lastModified()).isEqualTo("2025-03-01T10:05:00Z");
    assertThat(changed.revision()).isNotEqualTo(first.revision());
  }

  @Test
  void explicitRevisionIsKept() {
    Experiment stored =
        catalog.upsert(new ExperimentUpsert("exp-3", null, null, "rev-42", true, "Exp"));

    assertThat(stored.revision()).isEqualTo("rev-42");
    assertThat(stored.name()).isEqualTo("Exp");
  }

  @Test
  void invalidSlugIsRejected() {
    assertThatThrownBy(
            () -> catalog.upsert(new ExperimentUpsert("-bad", null, null, null, null, null)))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("-bad");
    assertThatThrownBy(
            () -> catalog.upsert(new ExperimentUpsert(null, null, null, null, null, null)))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("slug is required");
    assertThatThrownBy(
            () ->
                catalog.upsert(new ExperimentUpsert("a".repeat(101), null, null, null, null, null)))
        .isInstanceOf(ProblemException.class);
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
