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

  /** The results format read (a {@link dev.gort.worker.results.ResultsFormat} code), or null. */
  public String format;

  public int total;
  public int passed;
  public int failed;
  public int errors;
  public int skipped;
  public int missed;
  public int flaky;

  @Column(name = "duration_ms")
  public long durationMs;

  /** The problems the results document reported, a JSON list of sentences, or null. */
  @Column(name = "problems_json")
  public String problemsJson;

  /** The builds the results reported, a JSON list, or null. */
  @Column(name = "builds_json")
  public String buildsJson;

  /** The failure summary: the first failing tests with their messages, a JSON list, or null. */
  @Column(name = "failures_json")
  public String failuresJson;

  /** Where the run sits in a pipeline; null for a single-job run. */
  public String pipeline;

  public String stage;
  public String job;

  @Column(name = "results_url")
  public String resultsUrl;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
