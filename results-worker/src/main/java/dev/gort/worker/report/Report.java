package dev.gort.worker.report;

import dev.gort.common.event.Outcome;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The stored evaluation of one run. */
@Entity
@Table(name = "report")
public class Report extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "run_id", nullable = false, unique = true)
  public String runId;

  @Column(nullable = false)
  public int attempt;

  @Column(nullable = false)
  public String runner;

  /** The run's experiment and owner (null for reports from before they were kept). */
  public String experiment;

  public String owner;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Outcome outcome;

  @Column(nullable = false)
  public String summary;

  @Column(name = "tests_json")
  public String testsJson;

  @Column(name = "results_url")
  public String resultsUrl;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
