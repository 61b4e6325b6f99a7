package dev.gort.worker.kcidb;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A report owed to KCIDB: {@code PENDING} until submitted ({@code SENT}) or given up ({@code
 * FAILED}).
 */
@Entity
@Table(name = "kcidb_submission")
public class KcidbSubmission extends PanacheEntityBase {

  public static final String PENDING = "PENDING";
  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";

  @Id
  @Column(name = "report_id")
  public String reportId;

  @Column(nullable = false)
  public String state;

  public int tries;

  @Column(name = "next_try_at", nullable = false)
  public Instant nextTryAt;

  @Column(name = "last_error")
  public String lastError;

  @Column(name = "sent_at")
  public Instant sentAt;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** A new submission of {@code reportId}, due at once. */
  public static KcidbSubmission due(String reportId, Instant now) {
    KcidbSubmission s = new KcidbSubmission();
    s.reportId = reportId;
    s.state = PENDING;
    s.nextTryAt = now;
    s.createdAt = now;
    return s;
  }
}
