package dev.gort.provisioner.environment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One step of one environment: its status, when it ran, what it found. */
@Entity
@Table(name = "environment_step")
public class StepRecord extends PanacheEntityBase {

  /** The step's status. */
  public enum Status {
    PENDING,
    RUNNING,
    DONE,
    FAILED,
    SKIPPED
  }

  @EmbeddedId public Key key;

  @Column(nullable = false)
  public int position;

  @Column(nullable = false)
  public String status;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "ended_at")
  public Instant endedAt;

  /** What the step found, in a line (the image chosen, the lease's id, a failure's reason). */
  public String found;

  /** Environment and step code. */
  @Embeddable
  public static class Key implements Serializable {
    @Column(name = "environment_id")
    public String environmentId;

    public String step;

    public Key() {}

    public Key(String environmentId, String step) {
      this.environmentId = environmentId;
      this.step = step;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(environmentId, k.environmentId)
          && Objects.equals(step, k.step);
    }

    @Override
    public int hashCode() {
      return Objects.hash(environmentId, step);
    }
  }
}
