package dev.gort.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.exit.ExitCode;

/**
 * What a refusal from a Gort service means for the command line: 401 and 403 are "not authorized",
 * the other 4xx are usage or validation errors in the server's own words (its problem+json {@code
 * detail}), 502–504 are "unreachable" (the service or one behind it is down), any other 5xx a
 * failure.
 */
public final class ServerAnswers {

  private ServerAnswers() {}

  public static CliFailure refusal(String what, int status, JsonNode problem) {
    String said = said(problem);
    if (status == 401) {
      return CliFailure.notAuthorized(
          what + ": the server refused the token (401)" + said + "; log in again with gort login");
    }
    if (status == 403) {
      return CliFailure.notAuthorized(what + ": not allowed (403)" + said);
    }
    if (status >= 400 && status < 500) {
      return CliFailure.usage(what + ": " + status + said);
    }
    if (status == 502 || status == 503 || status == 504) {
      return new CliFailure(
          ExitCode.SERVER_UNREACHABLE, what + ": server unavailable (" + status + ")" + said);
    }
    return new CliFailure(ExitCode.RUN_FAILED, what + ": server error (" + status + ")" + said);
  }

  private static String said(JsonNode problem) {
    String detail = Json.text(problem, "detail");
    if (detail == null) {
      detail = Json.text(problem, "error_description");
    }
    if (detail == null) {
      detail = Json.text(problem, "title");
    }
    return detail == null ? "" : ": " + detail;
  }
}
