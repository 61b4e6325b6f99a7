package dev.gort.console.runs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The link to a job at its runner (a GitHub workflow run, a TuxSuite test), made from the runner's
 * template in the console's configuration ({@code gort.console.job-links.<runner>}): {@code
 * {jobId}} is the runner's job id, any other {@code {name}} the run's setting of that name ({@code
 * {repository}}). No template, or a placeholder without a value, means no link; the services keep
 * no job URL of their own.
 */
public final class JobLinks {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_-]*)}");
  private static final Pattern RUNNER = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  static final String JOB_ID = "jobId";

  private final Function<String, Optional<String>> templates;

  /** {@code templates}: a runner's code to its template, if it has one. */
  public JobLinks(Function<String, Optional<String>> templates) {
    this.templates = templates;
  }

  /** The job's URL, or empty when none can be made. */
  public Optional<String> link(String runner, String jobId, Map<String, Object> settings) {
    if (runner == null || jobId == null || !RUNNER.matcher(runner).matches()) {
      return Optional.empty();
    }
    Optional<String> template = templates.apply(runner).map(String::strip);
    if (template.isEmpty()
        || !(template.get().startsWith("https://") || template.get().startsWith("http://"))) {
      return Optional.empty();
    }
    Matcher m = PLACEHOLDER.matcher(template.get());
    StringBuilder url = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      Object value = JOB_ID.equals(name) ? jobId : settings == null ? null : settings.get(name);
      if (!(value instanceof String text) || text.isBlank()) {
        return Optional.empty();
      }
      m.appendReplacement(url, Matcher.quoteReplacement(encodePath(text)));
    }
    m.appendTail(url);
    return Optional.of(url.toString());
  }

  /**
   * Each segment of {@code value} encoded for a URL path, its slashes kept ({@code owner/repo}).
   */
  static String encodePath(String value) {
    StringBuilder out = new StringBuilder();
    for (String segment : value.split("/", -1)) {
      if (!out.isEmpty()) {
        out.append('/');
      }
      if (segment.equals(".") || segment.equals("..")) {
        out.append(segment.replace(".", "%2E"));
      } else {
        out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
      }
    }
    return out.toString();
  }
}
