package dev.gort.scheduler.pipeline;

import dev.gort.common.pipeline.report.AttemptLog;
import dev.gort.common.pipeline.report.PipelineReport;
import dev.gort.common.pipeline.report.PipelineReportJson;
import dev.gort.common.pipeline.report.PipelineReports;
import dev.gort.common.pipeline.report.ReportFilter;
import dev.gort.common.security.Caller;
import dev.gort.common.time.StoredTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Pipeline reports (seed 003's report function, contract 13b decision 2): a remote run's report is
 * built when asked from its stored engine ({@link PipelineReports}, the function the CLI's local
 * runs use), each attempt's log as the link the runner gave; an uploaded one is stored whole. Both
 * are listed together, filtered with common's {@link ReportFilter} (the CLI's filter) and owner
 * scoped like pipeline runs.
 */
@ApplicationScoped
public class RunReports {

  private static final Logger LOG = Logger.getLogger(RunReports.class);

  @Inject EntityManager entities;
  @Inject Clock clock;

  /** The report of run {@code runId}, if the caller may see the run. */
  @Transactional
  public Optional<PipelineReport> ofRun(String runId, Caller caller) {
    return PipelineRun.<PipelineRun>findByIdOptional(runId)
        .filter(run -> caller.mayActFor(run.owner))
        .map(RunReports::report);
  }

  /** The report {@code id} (an upload's or a run's), if the caller may see it. */
  @Transactional
  public Optional<PipelineReportItem> find(String id, Caller caller) {
    Optional<UploadedReport> uploaded =
        UploadedReport.<UploadedReport>findByIdOptional(id)
            .filter(report -> caller.mayActFor(report.owner));
    if (uploaded.isPresent()) {
      return Optional.of(item(uploaded.get(), uploaded.get().report()));
    }
    return PipelineRun.<PipelineRun>findByIdOptional(id)
        .filter(run -> caller.mayActFor(run.owner))
        .map(run -> item(run, report(run)));
  }

  /** Stores an uploaded report, owned by the caller. */
  @Transactional
  public PipelineReportItem upload(PipelineReport report, Caller caller) {
    UploadedReport row = new UploadedReport();
    row.id = UUID.randomUUID().toString();
    row.owner = caller.name();
    row.pipeline = report.pipeline();
    row.run = report.run();
    row.repository = report.repository();
    row.commit = report.commit();
    row.where = report.where().name();
    row.status = report.status().name();
    row.startedAt = report.startedAt();
    row.finishedAt = report.finishedAt();
    row.uploadedAt = StoredTime.of(clock.instant());
    row.reportJson = PipelineReportJson.write(report);
    row.persist();
    LOG.infof(
        "pipeline report %s (%s #%d) uploaded by %s", row.id, row.pipeline, row.run, caller.name());
    return item(row, report);
  }

  /**
   * Reports of remote runs and uploads matching {@code filter}, each narrowed to its stage and job,
   * newest first (by start, then run number), the owner's only unless {@code owner} is null.
   */
  @Transactional
  public List<PipelineReportItem> list(String owner, ReportFilter filter, int skip, int limit) {
    Map<String, Object> parameters = new HashMap<>();
    StringBuilder remote =
        new StringBuilder(
            "SELECT r.id, 'remote' AS origin, COALESCE(r.started_at, r.created_at) AS started,"
                + " r.number AS run FROM pipeline_run r WHERE 1 = 1");
    StringBuilder uploaded =
        new StringBuilder(
            "SELECT u.id, 'uploaded' AS origin, u.started_at AS started, u.run_number AS run"
                + " FROM uploaded_pipeline_report u WHERE 1 = 1");
    where(remote, uploaded, parameters, "owner", "r.owner", "u.owner", owner);
    where(
        remote,
        uploaded,
        parameters,
        "repository",
        "r.repository",
        "u.repository",
        filter.repository());
    where(remote, uploaded, parameters, "pipeline", "r.pipeline", "u.pipeline", filter.pipeline());
    where(remote, uploaded, parameters, "run", "r.number", "u.run_number", filter.run());
    if (filter.stage() != null || filter.job() != null) {
      // the same test as ReportFilter's narrowing: some job of that stage and name
      StringBuilder job = new StringBuilder();
      StringBuilder uploadedJob = new StringBuilder();
      if (filter.stage() != null) {
        job.append(" AND j.value ->> 'stage' = :stage");
        uploadedJob.append(" AND j ->> 'stage' = :stage");
        parameters.put("stage", filter.stage());
      }
      if (filter.job() != null) {
        job.append(" AND j.key = :job");
        uploadedJob.append(" AND j ->> 'name' = :job");
        parameters.put("job", filter.job());
      }
      remote
          .append(" AND EXISTS (SELECT 1 FROM json_each(r.spec -> 'jobs') j WHERE TRUE")
          .append(job)
          .append(')');
      uploaded
          .append(
              " AND EXISTS (SELECT 1 FROM jsonb_array_elements(u.report -> 'jobs') j WHERE TRUE")
          .append(uploadedJob)
          .append(')');
    }
    Query query =
        entities.createNativeQuery(
            "SELECT id, origin FROM ("
                + remote
                + " UNION ALL "
                + uploaded
                + ") reports ORDER BY started DESC, run DESC, id DESC OFFSET :skip LIMIT :limit");
    parameters.forEach(query::setParameter);
    query.setParameter("skip", skip);
    query.setParameter("limit", limit);
    List<PipelineReportItem> items = new ArrayList<>();
    for (Object row : query.getResultList()) {
      Object[] columns = (Object[]) row;
      String id = (String) columns[0];
      Optional<PipelineReportItem> item =
          PipelineReportItem.REMOTE.equals(columns[1])
              ? PipelineRun.<PipelineRun>findByIdOptional(id)
                  .flatMap(run -> narrowed(filter, report(run)).map(r -> item(run, r)))
              : UploadedReport.<UploadedReport>findByIdOptional(id)
                  .flatMap(up -> narrowed(filter, up.report()).map(r -> item(up, r)));
      item.ifPresent(items::add);
    }
    return items;
  }

  private static void where(
      StringBuilder remote,
      StringBuilder uploaded,
      Map<String, Object> parameters,
      String name,
      String remoteColumn,
      String uploadedColumn,
      Object value) {
    if (value != null) {
      remote.append(" AND ").append(remoteColumn).append(" = :").append(name);
      uploaded.append(" AND ").append(uploadedColumn).append(" = :").append(name);
      parameters.put(name, value);
    }
  }

  private static Optional<PipelineReport> narrowed(ReportFilter filter, PipelineReport report) {
    return Optional.ofNullable(filter.narrow(report));
  }

  /** The run as a report: its engine as saved, each attempt's log the runner's link to it. */
  static PipelineReport report(PipelineRun run) {
    Map<String, String> logs = new HashMap<>();
    for (PipelineDispatch dispatch : PipelineDispatch.ofRun(run.id)) {
      if (dispatch.resultsUrl != null) {
        logs.put(StepView.key(dispatch.job, dispatch.attempt), dispatch.resultsUrl);
      }
    }
    Instant started = run.startedAt != null ? run.startedAt : run.createdAt;
    return PipelineReports.of(
        run.engine(),
        new PipelineReports.RunFacts(
            run.number,
            run.repository,
            run.commit,
            PipelineReport.Where.REMOTE,
            started,
            run.finishedAt,
            List.of()),
        (job, attempt) -> link(logs.get(StepView.key(job, attempt))));
  }

  /** A runner's results URL as a log link; none when it is not an http(s) URL a report takes. */
  private static AttemptLog link(String url) {
    if (url == null) {
      return null;
    }
    try {
      return AttemptLog.link(URI.create(url));
    } catch (IllegalArgumentException notALink) {
      return null;
    }
  }

  private static PipelineReportItem item(PipelineRun run, PipelineReport report) {
    return new PipelineReportItem(
        run.id, PipelineReportItem.REMOTE, run.owner, null, PipelineReportJson.toTree(report));
  }

  private static PipelineReportItem item(UploadedReport row, PipelineReport report) {
    return new PipelineReportItem(
        row.id,
        PipelineReportItem.UPLOADED,
        row.owner,
        row.uploadedAt,
        PipelineReportJson.toTree(report));
  }
}
