package dev.gort.simulators.oidc;

/**
 * The verification page's HTML: plain markup, no script and no inline style (the resource's
 * Content-Security-Policy allows neither), every value from the request escaped.
 */
final class VerificationPage {

  private VerificationPage() {}

  /** The form to type the user code and log in, with a message above it when there is one. */
  static String form(String action, String userCode, String message) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>Log in a device</h1>\n");
    if (message != null) {
      body.append("<p role=\"alert\"><strong>")
          .append(HtmlPage.escape(message))
          .append("</strong></p>\n");
    }
    body.append("<p>Enter the code your device shows and log in to let it act as you.</p>\n")
        .append("<form method=\"post\" action=\"")
        .append(HtmlPage.escape(action))
        .append("\">\n")
        .append("<p><label>Code <input name=\"user_code\" value=\"")
        .append(HtmlPage.escape(userCode == null ? "" : userCode))
        .append("\" autocomplete=\"off\" required></label></p>\n")
        .append("<p><label>Username or email <input name=\"username\" autocomplete=\"username\"")
        .append(" required></label></p>\n")
        .append("<p><label>Password <input name=\"password\" type=\"password\"")
        .append(" autocomplete=\"current-password\" required></label></p>\n")
        .append("<p><button name=\"action\" value=\"approve\">Approve</button>\n")
        .append("<button name=\"action\" value=\"deny\">Deny</button></p>\n")
        .append("</form>\n");
    return HtmlPage.of("Log in a device", body.toString());
  }

  static String approved(String username) {
    return HtmlPage.of(
        "Device approved",
        "<h1>Device approved</h1>\n<p>The device is now logged in as "
            + HtmlPage.escape(username)
            + ". You may close this page; the device continues by itself.</p>\n");
  }

  static String denied() {
    return HtmlPage.of(
        "Device denied",
        "<h1>Device denied</h1>\n<p>The device was not logged in. You may close this page.</p>\n");
  }
}
