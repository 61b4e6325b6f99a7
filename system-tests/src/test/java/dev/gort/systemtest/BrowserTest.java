package dev.gort.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deque.html.axecore.results.Rule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The browser harness itself, against a few pages a local HTTP server serves (no stack): it loads
 * pages, waits, takes viewport screenshots, tells an accessible page from one axe-core finds a
 * serious violation on, sees a CSP violation in the browser console, follows a sign-in form and
 * knows a document's HTTP status.
 */
class BrowserTest {

  private static final String PAGE =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title></head>"
          + "<body><main><h1>%s</h1>%s</main></body>"
          + "</html>";

  private static LocalPages pages;
  private static Browser browser;

  @BeforeAll
  static void serveThePages() throws Exception {
    Map<String, String> bodies =
        Map.of(
            "/labelled",
            page(
                "Labelled",
                "<form action=\"/labelled\"><label for=\"q\">Search</label>"
                    + "<input id=\"q\" name=\"q\"><button type=\"submit\">Find</button></form>"),
            "/unlabelled",
            page("Unlabelled", "<form><input name=\"q\"></form>"),
            "/inline-script",
            page("Inline", "<p>An inline script</p><script>document.title = 'ran';</script>"),
            "/login",
            page(
                "Sign in",
                "<form method=\"post\" action=\"/login\"><label for=\"u\">Username</label>"
                    + "<input id=\"u\" name=\"username\"><label for=\"p\">Password</label>"
                    + "<input id=\"p\" name=\"password\" type=\"password\">"
                    + "<button type=\"submit\">Sign in</button></form>"),
            "/app/signed-out",
            page("Signed out", "<p>Bye</p>"));
    pages =
        LocalPages.serve(
            Map.of(
                "/",
                exchange -> {
                  String path = exchange.getRequestURI().getPath();
                  int status = 200;
                  String body = bodies.get(path);
                  if (path.startsWith("/app/") && !path.equals("/app/signed-out")) {
                    // the "console": signed in by the cookie the login form sets
                    String cookie = exchange.getRequestHeaders().getFirst("Cookie");
                    if (cookie == null || !cookie.contains("session=")) {
                      LocalPages.redirect(exchange, 302, pages.url("/login"));
                      return;
                    }
                    String user =
                        cookie.substring(cookie.indexOf("session=") + "session=".length());
                    body =
                        page(
                            "Home",
                            "<p id=\"who\">"
                                + user
                                + "</p><form id=\"sign-out\" method=\"post\""
                                + " action=\"/sign-out\"><button type=\"submit\">Sign"
                                + " out</button></form>");
                  } else if (path.equals("/login") && exchange.getRequestMethod().equals("POST")) {
                    String form = new String(exchange.getRequestBody().readAllBytes());
                    String user = form.replaceAll(".*username=([^&]*).*", "$1");
                    exchange.getResponseHeaders().add("Set-Cookie", "session=" + user + "; Path=/");
                    LocalPages.redirect(exchange, 302, pages.url("/app/home"));
                    return;
                  } else if (path.equals("/sign-out")) {
                    exchange.getResponseHeaders().add("Set-Cookie", "session=; Path=/; Max-Age=0");
                    LocalPages.redirect(exchange, 303, pages.url("/app/signed-out"));
                    return;
                  }
                  if (body == null) {
                    status = 404;
                    body = page("Not found", "");
                  }
                  LocalPages.answer(
                      exchange,
                      status,
                      "text/html; charset=utf-8",
                      body.getBytes(StandardCharsets.UTF_8));
                }));
    browser = pages.browser();
  }

  @AfterAll
  static void stop() {
    if (pages != null) {
      pages.close();
    }
  }

  private static String page(String title, String content) {
    return String.format(PAGE, title, title, content);
  }

  @Test
  void aLabelledFormIsAccessibleAndItsScreenshotIsAViewportPng() throws Exception {
    browser.open(pages.url("/labelled"));

    assertThat(browser.heading()).isEqualTo("Labelled");
    assertThat(browser.status()).isEqualTo(200);
    browser.assertAccessible();
    browser.assertNoConsoleErrors();
    Path shot = browser.screenshot("browser-test-labelled");
    byte[] png = Files.readAllBytes(shot);
    assertThat(shot).hasFileName("browser-test-labelled.png");
    assertThat(shot.getParent()).hasFileName("screenshots");
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    // the IHDR chunk: width and height, big-endian, at bytes 16 and 20
    int width = java.nio.ByteBuffer.wrap(png, 16, 4).getInt();
    int height = java.nio.ByteBuffer.wrap(png, 20, 4).getInt();
    assertThat(width).isEqualTo(Browser.WIDTH);
    assertThat(height).isBetween(Browser.HEIGHT - 200, Browser.HEIGHT);
    assertThat(png.length).isLessThan(200_000);
  }

  @Test
  void anUnlabelledInputIsASeriousViolation() {
    browser.open(pages.url("/unlabelled"));

    List<Rule> violations = browser.seriousViolations();

    assertThat(violations).extracting(Rule::getId).contains("label");
    assertThatThrownBy(browser::assertAccessible)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("serious accessibility violation")
        .hasMessageContaining("label")
        .hasMessageContaining("<input name=\"q\">");
  }

  @Test
  void aScriptTheCspRefusesIsAConsoleError() {
    browser.clearConsoleErrors();
    browser.open(pages.url("/inline-script"));

    assertThat(browser.title()).isEqualTo("Inline");
    assertThatThrownBy(browser::assertNoConsoleErrors)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Content Security Policy");
    browser.clearConsoleErrors().assertNoConsoleErrors();
  }

  @Test
  void anUnknownPageIsA404() {
    browser.open(pages.url("/nowhere"));

    assertThat(browser.status()).isEqualTo(404);
    assertThat(browser.heading()).isEqualTo("Not found");
    assertThat(browser.consoleErrors())
        .extracting(org.openqa.selenium.logging.LogEntry::getMessage)
        .anyMatch(m -> m.contains("/nowhere") && m.contains("404"));
    browser.clearConsoleErrors();
  }

  @Test
  void signingInFollowsTheLoginFormBackToTheAppAndSigningOutLandsOnSignedOut() {
    try (Browser own = new Browser()) {
      own.signIn(pages.url("/app"), "alice", "secret");

      assertThat(own.path()).isEqualTo("/app/home");
      assertThat(own.waitForText(By.id("who"), "alice", Duration.ofSeconds(5)).getText())
          .isEqualTo("alice");

      own.signOut();

      assertThat(own.path()).isEqualTo("/app/signed-out");
      own.open(pages.url("/app/home"));
      assertThat(own.path()).isEqualTo("/login");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
