package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.WEB_CONSOLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The web console in a real browser on the whole stack: signing in with the simulators' login page
 * (the OIDC code flow), an accessible experiments page, signing out, a page without a session, and
 * another owner's run, which is "Not found" as an unknown one is. Screenshots go to {@code
 * target/screenshots/}.
 */
class ConsoleIT {

  private static GortStack stack;
  private static StackClient gort;
  private static String console;

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    assumeTrue(stack.runs(WEB_CONSOLE), "this checkout has no web-console module");
    gort = new StackClient(stack);
    console = stack.url(WEB_CONSOLE);
  }

  @Test
  void aliceSignsInSeesTheExperimentsPageAndSignsOut() throws Exception {
    try (Browser browser = new Browser()) {
      browser.signIn(console, "alice");

      browser.open(console + "/experiments");
      assertThat(browser.path()).isEqualTo("/experiments");
      assertThat(browser.status()).isEqualTo(200);
      assertThat(browser.heading()).isEqualTo("Experiments");
      browser.assertAccessible();
      browser.screenshot("experiments");
      browser.assertNoConsoleErrors();

      browser.signOut();
      assertThat(browser.path()).isEqualTo("/signed-out");
      // the session is gone: a console page asks for a sign-in again
      browser.open(console + "/experiments");
      assertThat(browser.url()).startsWith(stack.issuer() + "/protocol/openid-connect/auth");
    }
  }

  @Test
  void aConsolePageWithoutASessionRedirectsToTheIssuersLoginPage() throws Exception {
    try (Browser browser = new Browser()) {
      browser.open(console + "/experiments");

      assertThat(browser.url()).startsWith(stack.issuer() + "/protocol/openid-connect/auth");
      browser.waitFor(By.cssSelector("input[name=username]"), Duration.ofSeconds(5));
      browser.waitFor(By.cssSelector("input[name=password]"), Duration.ofSeconds(5));
    }
  }

  @Test
  void bobGetsNotFoundForAlicesRun() throws Exception {
    StackClient alice = gort.as("alice");
    String slug = alice.newExperiment(false, "alice");
    Http.Answer requested = alice.requestRun(slug, null);
    assertThat(requested.status()).as(requested.raw().body()).isEqualTo(202);
    String run = console + "/runs/" + requested.json().path("id").asText();

    try (Browser browser = new Browser()) {
      browser.signIn(console, "alice").open(run);
      assertThat(browser.status()).isEqualTo(200);
      assertThat(browser.heading()).isNotEqualTo("Not found");
      browser.waitFor(By.cssSelector("#run-state [data-state]"), Duration.ofSeconds(5));
    }
    try (Browser browser = new Browser()) {
      browser.signIn(console, "bob").open(run);

      assertThat(browser.status()).isEqualTo(404);
      assertThat(browser.heading()).isEqualTo("Not found");
      assertThat(browser.bodyText()).doesNotContain(slug);
    }
  }
}
