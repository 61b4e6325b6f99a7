package dev.gort.common.pipeline.report;

import java.net.URI;

/**
 * An attempt's output: the text itself (a local run; capped, {@code truncated} when output was
 * dropped) or where to read it (a remote run's log link). Exactly one of the two.
 */
public record AttemptLog(String text, boolean truncated, URI url) {
  public AttemptLog {
    if ((text == null) == (url == null)) {
      throw new InvalidReportException("a log has either text or a url");
    }
    ReportLimits.optionalText("log.text", text, ReportLimits.MAX_LOG_CHARS);
    if (url != null) {
      ReportLimits.httpUrl("log.url", url);
    }
  }

  public static AttemptLog text(String text, boolean truncated) {
    return new AttemptLog(text, truncated, null);
  }

  public static AttemptLog link(URI url) {
    return new AttemptLog(null, false, url);
  }
}
