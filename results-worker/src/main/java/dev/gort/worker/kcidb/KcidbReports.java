package dev.gort.worker.kcidb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.worker.config.WorkerConfig;
import dev.gort.worker.report.Report;
import dev.gort.worker.report.ReportQueries;
import dev.gort.worker.report.ReportViews;
import dev.gort.worker.report.ReportViews.TestCase;
import dev.gort.worker.results.BuildResult;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/** Reports as KCIDB documents, with the origin from {@code gort.worker.kcidb.origin}. */
@ApplicationScoped
public class KcidbReports {

  private static final int PAGE = 1_000;

  @Inject WorkerConfig config;
  @Inject ReportQueries queries;
  @Inject ObjectMapper json;

  /** A bad origin stops the worker at start, not at the first export. */
  void checkOrigin(@Observes StartupEvent event) {
    if (!KcidbIds.ORIGIN.matcher(config.kcidb().origin()).matches()) {
      throw new IllegalStateException(
          "gort.worker.kcidb.origin must match ^[a-z0-9_]+$, was '"
              + config.kcidb().origin()
              + "'");
    }
  }

  /**
   * The report as a KCIDB v5.3 document (in a transaction: its test cases are read page by page).
   */
  public byte[] export(Report report) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out = json.getFactory().createGenerator(bytes)) {
      new KcidbExport(config.kcidb().origin(), out)
          .write(ReportViews.summary(report), builds(report), () -> cases(report.id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private List<BuildResult> builds(Report report) {
    if (report.buildsJson == null) {
      return List.of();
    }
    try {
      return json.readValue(report.buildsJson, new TypeReference<List<BuildResult>>() {});
    } catch (IOException e) {
      throw new IllegalStateException("the builds of report " + report.id + " do not read back", e);
    }
  }

  private Iterator<TestCase> cases(String reportId) {
    return new Iterator<>() {
      private List<TestCase> page = List.of();
      private int index;
      private int read;
      private boolean last;

      @Override
      public boolean hasNext() {
        if (index < page.size()) {
          return true;
        }
        if (last) {
          return false;
        }
        page = queries.cases(reportId, Set.of(), null, read, PAGE);
        read += page.size();
        index = 0;
        last = page.size() < PAGE;
        return !page.isEmpty();
      }

      @Override
      public TestCase next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.get(index++);
      }
    };
  }
}
