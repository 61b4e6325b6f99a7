package dev.gort.scheduler.pipeline;

import dev.gort.common.pipeline.report.PipelineReport;
import dev.gort.common.pipeline.report.PipelineReportJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** A pipeline report uploaded by {@code gort upload}, kept whole ({@link PipelineReportJson}). */
@Entity
@Table(name = "uploaded_pipeline_report")
public class UploadedReport extends PanacheEntityBase {

  @Id public String id;

  @Column(nullable = false)
  public String owner;

  @Column(nullable = false)
  public String pipeline;

  @Column(name = "run_number", nullable = false)
  public int run;

  public String repository;

  @Column(name = "commit_sha")
  public String commit;

  @Column(name = "run_where", nullable = false)
  public String where;

  @Column(nullable = false)
  public String status;

  @Column(name = "started_at", nullable = false)
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "uploaded_at", nullable = false)
  public Instant uploadedAt;

  @Column(name = "report", nullable = false)
  @ColumnTransformer(write = "cast(? as jsonb)")
  public String reportJson;

  /** The report as it was uploaded (strictly read then, so it reads again). */
  public PipelineReport report() {
    return PipelineReportJson.read(reportJson);
  }
}
