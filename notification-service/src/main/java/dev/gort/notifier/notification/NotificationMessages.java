package dev.gort.notifier.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.common.event.RunEvents.RunFinished;
import dev.gort.common.web.Untrusted;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What an owner reads about a finished run, as an email (text and HTML), a chat message (Slack
 * mrkdwn in section blocks) and a generic webhook's JSON. Every value of the event is untrusted (a
 * summary may quote a runner's output): each is put on one line and bounded before it goes
 * anywhere, HTML-escaped in HTML, mrkdwn-escaped in chat, and only ever a JSON string in JSON; the
 * run id is percent-encoded in links.
 */
final class NotificationMessages {

  /** Longest summary or halt detail shown; what a runner reported can be much longer. */
  static final int MAX_VALUE_CHARS = 1000;

  /** Slack refuses a section's text past 3000 characters. */
  static final int MAX_SECTION_CHARS = 3000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private NotificationMessages() {}

  /** The run's page at the scheduler and its report at the results worker. */
  record Links(String run, String report) {

    static Links of(String schedulerUrl, String reportsUrl, String runId, String reportId) {
      String reports = trimSlash(reportsUrl) + "/api/v1/reports";
      return new Links(
          trimSlash(schedulerUrl)
              + "/api/v1/test-runs/"
              + URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20"),
          // a run that ended without a report (timed out, cancelled) or from an older scheduler
          // names none: the worker's reports of the run, an empty list or its one report
          reportId == null
              ? reports + "?run=" + URLEncoder.encode(runId, StandardCharsets.UTF_8)
              : reports
                  + "/"
                  + URLEncoder.encode(reportId, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String trimSlash(String url) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
  }

  /** One labelled line of a message: {@code Outcome: FAILED (tests failed)}. */
  record Fact(String label, String value) {}

  static String subject(RunFinished f) {
    return "[Gort] " + oneLine(f.experiment(), 200) + ": " + headline(f);
  }

  /** What happened, in a sentence, per outcome. */
  static String sentence(RunFinished f) {
    String summary = summary(f);
    return switch (f.outcome()) {
      case PASSED -> "The tests passed.";
      case FAILED -> "The tests failed: " + (summary == null ? "no summary was given." : summary);
      case TIMED_OUT ->
          "No result came before the deadline, after "
              + f.attempts()
              + (f.attempts() == 1 ? " attempt." : " attempts.");
      case CANCELLED ->
          "The run was " + cancelledBy(f) + (halted(f) == null ? "." : "; " + halted(f) + ".");
      case INFRA_FAILED ->
          "The test infrastructure failed, not the tests"
              + (summary == null ? "" : ": " + summary)
              + ". The experiment was not judged; a new run may pass.";
    };
  }

  static List<Fact> facts(RunFinished f) {
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("Outcome", f.outcome() + " (" + headline(f) + ")"));
    facts.add(new Fact("Revision", orDash(oneLine(f.revision(), 200))));
    facts.add(new Fact("Requested by", orDash(oneLine(f.requestedBy(), 200))));
    facts.add(new Fact("Attempts", String.valueOf(f.attempts())));
    facts.add(new Fact("Summary", orDash(summary(f))));
    String halt = haltLine(f);
    if (halt != null) {
      facts.add(new Fact("Halt", halt));
    }
    return facts;
  }

  /** The text part of an email (and what the list API shows nowhere: it keeps only the subject). */
  static String text(RunFinished f, Links links) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "Test run "
            + oneLine(f.runId(), 200)
            + " of experiment "
            + oneLine(f.experiment(), 200)
            + " has finished.");
    lines.add(sentence(f));
    lines.add("");
    for (Fact fact : facts(f)) {
      lines.add(label(fact.label()) + fact.value());
    }
    lines.add("");
    lines.add(label("Run") + links.run());
    lines.add(label("Report") + links.report());
    lines.add("");
    return String.join("\n", lines);
  }

  /** The HTML part of an email: the same as the text, every value escaped. */
  static String html(RunFinished f, Links links) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(escapeHtml(subject(f)))
        .append("</title></head><body>\n");
    html.append("<p>Test run <code>")
        .append(escapeHtml(oneLine(f.runId(), 200)))
        .append("</code> of experiment <strong>")
        .append(escapeHtml(oneLine(f.experiment(), 200)))
        .append("</strong> has finished.</p>\n");
    html.append("<p>").append(escapeHtml(sentence(f))).append("</p>\n<table>\n");
    for (Fact fact : facts(f)) {
      html.append("<tr><th align=\"left\">")
          .append(escapeHtml(fact.label()))
          .append("</th><td>")
          .append(escapeHtml(fact.value()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n<p><a href=\"")
        .append(escapeHtml(links.run()))
        .append("\">The run</a> &middot; <a href=\"")
        .append(escapeHtml(links.report()))
        .append("\">Its report</a></p>\n</body></html>\n");
    return html.toString();
  }

  /**
   * A Slack-compatible incoming-webhook message: {@code text} (what notifications and clients
   * without blocks show) and section blocks of mrkdwn, each at most {@link #MAX_SECTION_CHARS}.
   */
  static String chat(RunFinished f, Links links) {
    ObjectNode message = JSON.createObjectNode();
    message.put("text", escapeMrkdwn(subject(f)));
    ArrayNode blocks = message.putArray("blocks");
    section(blocks, "*" + escapeMrkdwn(subject(f)) + "*\n" + escapeMrkdwn(sentence(f)));
    StringBuilder facts = new StringBuilder();
    for (Fact fact : facts(f)) {
      facts.append('*').append(fact.label()).append(":* ").append(escapeMrkdwn(fact.value()));
      facts.append('\n');
    }
    section(blocks, facts.toString().strip());
    section(blocks, "<" + links.run() + "|The run> \u00b7 <" + links.report() + "|Its report>");
    return write(message);
  }

  /** The generic webhook's document: the run's facts as fields, under the delivery id. */
  static String webhook(RunFinished f, Links links, String deliveryId) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("deliveryId", deliveryId);
    doc.put("type", "gort.run.finished");
    doc.put("run", f.runId());
    doc.put("experiment", f.experiment());
    doc.put("revision", f.revision());
    doc.put("owner", f.owner());
    doc.put("outcome", f.outcome().name());
    doc.put("summary", summary(f));
    doc.put("message", sentence(f));
    doc.put("attempts", f.attempts());
    doc.put("requestedBy", f.requestedBy());
    doc.put("halt", f.halt() == null ? null : f.halt().word());
    doc.put("haltDetail", f.haltDetail() == null ? null : oneLine(f.haltDetail(), MAX_VALUE_CHARS));
    doc.put("finishedDateTime", f.finishedAt() == null ? null : f.finishedAt().toString());
    doc.put("runUrl", links.run());
    doc.put("reportUrl", links.report());
    return write(doc);
  }

  /** For a cancelled run: whether its runner confirmed halting the job (null for other runs). */
  static String haltLine(RunFinished f) {
    if (f.halt() == null) {
      return null;
    }
    String said = f.haltDetail() == null ? "" : " (" + oneLine(f.haltDetail(), 300) + ")";
    return haltWords(f) + said;
  }

  private static String haltWords(RunFinished f) {
    return switch (f.halt()) {
      case CONFIRMED -> "the runner confirmed it halted the job";
      case ASKING -> "Gort is still asking the runner to halt the job";
      case NOT_NEEDED -> "no job was running at the runner";
      case GAVE_UP -> "Gort gave up asking the runner to halt the job; it may still be running";
      case UNKNOWN -> "not known whether the runner started a job; any it did is halted";
    };
  }

  private static String halted(RunFinished f) {
    return f.halt() == null ? null : haltWords(f);
  }

  /**
   * Who cancelled: the scheduler writes {@code cancelled by <name>} for an owner's or operator's
   * cancel, {@code cancelled at the gateway: <why>} when the runner reported an infrastructure
   * failure.
   */
  private static String cancelledBy(RunFinished f) {
    String summary = summary(f);
    if (summary == null) {
      return "cancelled";
    }
    if (summary.startsWith("cancelled by ")) {
      return summary;
    }
    if (summary.startsWith("cancelled at the gateway: ")) {
      return "stopped by the infrastructure, not by anyone: "
          + summary.substring("cancelled at the gateway: ".length());
    }
    return "cancelled (" + summary + ")";
  }

  private static String headline(RunFinished f) {
    return switch (f.outcome()) {
      case PASSED -> "tests passed";
      case FAILED -> "tests failed";
      case TIMED_OUT -> "test run timed out";
      case CANCELLED -> "test run cancelled";
      case INFRA_FAILED -> "infrastructure failure";
    };
  }

  private static String summary(RunFinished f) {
    return f.summary() == null || f.summary().isBlank()
        ? null
        : oneLine(f.summary(), MAX_VALUE_CHARS);
  }

  /** {@code Label:} padded to ten characters, as the text part has always aligned its lines. */
  private static String label(String label) {
    String l = label + ":";
    return l.length() >= 10 ? l + " " : l + " ".repeat(10 - l.length());
  }

  /**
   * An outside value on one line: every control character (CR, LF above all, which would forge
   * lines of the message) becomes a space, and the value is cut after {@code max} characters.
   */
  static String oneLine(String value, int max) {
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), max));
    for (int i = 0; i < value.length() && out.length() < max; i++) {
      char c = value.charAt(i);
      out.append(Untrusted.hasControlCharacter(String.valueOf(c)) ? ' ' : c);
    }
    return value.length() > max ? out + "…" : out.toString();
  }

  static String escapeHtml(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Slack's control characters ({@code & < >}) as the entities Slack asks for, so a value can
   * neither open a link nor mention {@code <!channel>}.
   */
  static String escapeMrkdwn(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static void section(ArrayNode blocks, String mrkdwn) {
    String text = mrkdwn;
    if (text.length() > MAX_SECTION_CHARS) {
      text = text.substring(0, MAX_SECTION_CHARS - 1);
      // never half an entity: "&am" would show as it is
      int amp = text.lastIndexOf('&');
      if (amp > text.lastIndexOf(';')) {
        text = text.substring(0, amp);
      }
      text = text + "…";
    }
    ObjectNode section = blocks.addObject();
    section.put("type", "section");
    ObjectNode body = section.putObject("text");
    body.put("type", "mrkdwn");
    body.put("text", text);
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "-" : value;
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a message cannot be written as JSON", e);
    }
  }
}
