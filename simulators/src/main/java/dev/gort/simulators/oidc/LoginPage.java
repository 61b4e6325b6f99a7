package dev.gort.simulators.oidc;

/**
 * The code flow's pages: the login form, which carries only the pending login's opaque id, the page
 * of a request that cannot be sent back to its client, and the signed-out page.
 */
final class LoginPage {

  private LoginPage() {}

  /**
   * The login form, with the username typed before and a message above it when there is one.
   *
   * @param clientId who asks, shown so the user knows what they sign in to
   */
  static String form(
      String action, String loginId, String clientId, String username, String message) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>Sign in</h1>\n");
    if (message != null) {
      body.append("<p role=\"alert\"><strong>")
          .append(HtmlPage.escape(message))
          .append("</strong></p>\n");
    }
    body.append("<p>Sign in to ")
        .append(HtmlPage.escape(clientId))
        .append(".</p>\n")
        .append("<form method=\"post\" action=\"")
        .append(HtmlPage.escape(action))
        .append("\">\n")
        .append("<input type=\"hidden\" name=\"login\" value=\"")
        .append(HtmlPage.escape(loginId))
        .append("\">\n")
        .append("<p><label>Username or email <input name=\"username\" value=\"")
        .append(HtmlPage.escape(username == null ? "" : username))
        .append("\" autocomplete=\"username\" required></label></p>\n")
        .append("<p><label>Password <input name=\"password\" type=\"password\"")
        .append(" autocomplete=\"current-password\" required></label></p>\n")
        .append("<p><button type=\"submit\">Sign in</button></p>\n")
        .append("</form>\n");
    return HtmlPage.of("Sign in", body.toString());
  }

  /** A request refused without sending the browser anywhere. */
  static String refused(String message) {
    return HtmlPage.of(
        "Cannot sign in",
        "<h1>Cannot sign in</h1>\n<p role=\"alert\">" + HtmlPage.escape(message) + "</p>\n");
  }

  static String signedOut() {
    return HtmlPage.of(
        "Signed out", "<h1>You are signed out</h1>\n<p>You may close this page.</p>\n");
  }
}
