package dev.gort.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console's own script ({@code web-console}'s {@code console.js}, served as it ships) in
 * Chromium against a local server whose live area changes on every refresh: a refresh keeps the
 * control that has the keyboard focus and the text typed but not sent, and waits while the user
 * types in the area.
 */
class ConsoleScriptTest {

  private static final Path SCRIPT =
      Path.of("../web-console/src/main/resources/META-INF/resources/static/console.js");
  private static final Duration LIVE = Duration.ofSeconds(10);
  private static final String HTML = "text/html; charset=utf-8";

  private static final AtomicInteger refreshes = new AtomicInteger();
  private static LocalPages pages;
  private static Browser browser;

  @BeforeAll
  static void serve() throws IOException {
    byte[] script = Files.readAllBytes(SCRIPT);
    byte[] page =
        ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Live</title>"
                + "<script src=\"/static/console.js\" defer></script></head><body><main>"
                + "<h1>Live</h1>"
                + area(0)
                + "<a id=\"outside\" href=\"/elsewhere\">Elsewhere</a></main></body></html>")
            .getBytes(StandardCharsets.UTF_8);
    pages =
        LocalPages.serve(
            Map.of(
                "/static/console.js",
                exchange -> LocalPages.answer(exchange, 200, "text/javascript", script),
                "/live",
                exchange -> LocalPages.answer(exchange, 200, HTML, page),
                "/fragment",
                exchange -> {
                  exchange.getResponseHeaders().add("Retry-After", "0.2");
                  LocalPages.answer(
                      exchange,
                      200,
                      HTML,
                      area(refreshes.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
                }));
    browser = pages.browser();
  }

  @AfterAll
  static void stop() {
    if (pages != null) {
      pages.close();
    }
  }

  @BeforeEach
  void openThePage() {
    browser.open(pages.url("/live"));
    browser.waitFor(By.cssSelector("#area [data-generation]"), LIVE);
  }

  /**
   * The live area as generation {@code n}: a counter, a form with a hidden token, a choice the
   * server makes anew each time, a text field and a button.
   */
  private static String area(int n) {
    return "<section id=\"area\" data-live-src=\"/fragment\" data-live-after=\"0.2\">"
        + "<p data-generation=\""
        + n
        + "\">Refreshed "
        + n
        + " times</p><form method=\"post\" action=\"/answer\"><input type=\"hidden\" name=\"csrf\""
        + " value=\"t"
        + n
        + "\"><label for=\"runner\">Runner</label><select id=\"runner\" name=\"runner\">"
        + "<option value=\"even\""
        + (n % 2 == 0 ? " selected" : "")
        + ">even</option><option value=\"odd\""
        + (n % 2 == 1 ? " selected" : "")
        + ">odd</option></select>"
        + "<label for=\"message\">Message</label><input id=\"message\" name=\"message\">"
        + "<button type=\"submit\" name=\"action\" value=\"send\">Send</button></form></section>";
  }

  @Test
  void aRefreshKeepsTheFocusedButtonAndTheTextTypedButNotSent() {
    WebElement message = focusTheField();
    message.sendKeys("half an answer");
    message.sendKeys(Keys.TAB);
    int seen = generation();

    await().atMost(LIVE).until(() -> generation() > seen + 1);

    // read in one step, as the area goes on being replaced
    Object after =
        browser.script(
            "var a = document.activeElement;"
                + " var csrf = document.querySelector('#area input[name=csrf]').value;"
                + " var shown = document.querySelector('#area [data-generation]').dataset.generation;"
                + " var runner = document.getElementById('runner').value;"
                + " return [a.tagName, a.value, document.getElementById('message').value,"
                + " csrf === 't' + shown, runner === (shown % 2 ? 'odd' : 'even')];");
    // the button still has the focus, the text is still there, and where the user changed
    // nothing (the hidden token, the choice the server makes) what the server sent stands
    assertThat(after).asList().containsExactly("BUTTON", "send", "half an answer", true, true);
    browser.assertNoConsoleErrors();
  }

  @Test
  void whileTheUserTypesInTheAreaItWaitsAndCatchesUpWhenTheyLeave() {
    WebElement message = focusTheField();
    message.sendKeys("typing");
    int shown = generation();
    int asked = refreshes.get();

    // the script keeps asking, but the field being typed in is not replaced
    await().atMost(LIVE).until(() -> refreshes.get() >= asked + 3);
    assertThat(generation()).isEqualTo(shown);
    assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("message");

    browser.script("document.getElementById('outside').focus()");
    await().atMost(LIVE).until(() -> generation() > shown);
    Object after =
        browser.script(
            "return [document.getElementById('message').value, document.activeElement.id]");
    assertThat(after).asList().containsExactly("typing", "outside");
  }

  @Test
  void aUserWhoPausesInAFieldSeesTheRefreshWithTheirTextCaretAndFocusKept() {
    WebElement message = focusTheField();
    message.sendKeys("paused here");
    browser.script("document.getElementById('message').setSelectionRange(2, 6)");
    int shown = generation();

    // the area waits while they type, and goes on once they pause for 5 s
    await().atMost(LIVE).until(() -> generation() > shown);

    Object after =
        browser.script(
            "var m = document.getElementById('message');"
                + " return [document.activeElement === m, m.value, m.selectionStart,"
                + " m.selectionEnd];");
    assertThat(after).asList().containsExactly(true, "paused here", 2L, 6L);
  }

  @Test
  void aChoiceTheUserMadeIsKeptAndTheServersChoiceElseStands() {
    browser.script(
        "var r = document.getElementById('runner'); r.value = 'odd';"
            + " r.dispatchEvent(new Event('change', {bubbles: true}));"
            + " document.getElementById('outside').focus();");
    int chosenAt = generation();
    await().atMost(LIVE).until(() -> generation() > chosenAt + 1);
    // odd was the user's choice: every refresh keeps it, whatever the server marks selected
    assertThat(browser.script("return document.getElementById('runner').value")).isEqualTo("odd");
  }

  /**
   * The field, focused in one step: found and then typed into, it could be replaced between the
   * two; once it has the focus the area no longer replaces it.
   */
  private static WebElement focusTheField() {
    browser.script("document.getElementById('message').focus()");
    return browser.driver().switchTo().activeElement();
  }

  /** The generation shown, read in one step (the area may be replaced between two). */
  private static int generation() {
    return Integer.parseInt(
        (String)
            browser.script(
                "return document.querySelector('#area [data-generation]').dataset.generation"));
  }
}
