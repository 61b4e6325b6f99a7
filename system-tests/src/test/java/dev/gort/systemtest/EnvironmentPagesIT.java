package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.PROVISIONER;
import static dev.gort.systemtest.GortStack.SIMULATORS;
import static dev.gort.systemtest.GortStack.WEB_CONSOLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The environment and admin pages in a real browser on the whole stack: an environment's steps
 * advance on its page without a reload up to READY, the SSH command shows, and the page tears it
 * down; the admin sees the runners and every service's dead letters; an owner opening the admin
 * page is not allowed.
 */
class EnvironmentPagesIT {

  private static final Duration PROVISIONED = Duration.ofSeconds(60);

  private static GortStack stack;
  private static Http.Session alice;
  private static String console;

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    assumeTrue(stack.runs(WEB_CONSOLE), "this checkout has no web-console module");
    alice = Http.as(stack.token("alice"));
    console = stack.url(WEB_CONSOLE);
  }

  @AfterEach
  void defaultTimings() {
    timings(300, 1500, 2000);
  }

  @Test
  void anEnvironmentsStepsAdvanceLiveToReadyAndThePageTearsItDown() throws Exception {
    // slow enough that the page is open while the lease and the server are awaited
    timings(500, 4000, 4000);
    Http.Answer accepted =
        alice.post(
            stack.url(PROVISIONER) + "/api/v1/environments",
            Http.json(Map.of("repositoryUrl", stack.url(SIMULATORS) + "/git/cpu-only.git")));
    assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
    String id = accepted.json().path("id").asText();

    try (Browser browser = new Browser()) {
      browser.signIn(console, "alice").open(console + "/environments/" + id);
      assertThat(browser.status()).isEqualTo(200);
      assertThat(browser.heading()).contains("Environment").contains(id);
      assertThat(browser.driver().findElements(By.cssSelector("#steps tbody tr"))).hasSize(10);
      assertThat(saveStep(browser)).isNotEqualTo("DONE");
      assertThat(browser.driver().findElement(By.id("provisioning")).getAttribute("data-live-src"))
          .contains("fragment=");
      browser.script("window.gortSamePage = true;");

      // the last step turns DONE and the state READY without a reload
      await()
          .atMost(PROVISIONED)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> "DONE".equals(saveStep(browser)));
      browser.waitFor(
          By.cssSelector("#environment-state [data-state=READY]"), Duration.ofSeconds(10));
      assertThat(browser.script("return window.gortSamePage === true;")).isEqualTo(true);
      assertThat(browser.driver().findElements(By.cssSelector("#steps [data-state=DONE]")))
          .hasSize(10);
      JsonNode env = alice.get(stack.url(PROVISIONER) + "/api/v1/environments/" + id).json();
      String ssh = browser.text(By.id("ssh-command"));
      assertThat(ssh)
          .startsWith("ssh ")
          .endsWith(env.path("sshUser").asText() + "@" + env.path("floatingIp").asText());
      assertThat(browser.driver().findElement(By.cssSelector("button[data-copy=ssh-command]")))
          .matches(WebElement::isDisplayed, "the copy button is shown");
      assertThat(browser.text(By.id("step-progress"))).isEqualTo("all 10 steps done");
      assertThat(browser.driver().findElements(By.cssSelector("#decisions [data-source]")))
          .isNotEmpty();
      assertThat(browser.text(By.id("reservation")))
          .isEqualTo(env.path("lease").path("reservationId").asText());
      assertThat(browser.driver().findElement(By.id("provisioning")).getAttribute("data-live-src"))
          .isNull();
      browser.assertAccessible();
      browser.screenshot("environment");

      // the private key, once, by the page's POST form (an attachment: the page stays)
      assertThat(ssh).startsWith("ssh -i " + env.path("keyPair").path("name").asText() + ".pem ");
      browser.driver().findElement(By.cssSelector("form#private-key button")).click();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  alice
                      .get(stack.url(PROVISIONER) + "/api/v1/environments/" + id)
                      .json()
                      .path("keyPair")
                      .path("privateKey")
                      .asText(),
              "downloaded"::equals);

      browser.open(console + "/environments");
      assertThat(browser.heading()).isEqualTo("Environments");
      browser.waitFor(
          By.cssSelector("tr[data-environment='" + id + "'] [data-state=READY]"),
          Duration.ofSeconds(5));
      browser.assertAccessible();

      // teardown, confirmed, from the environment's page; the page follows it to TORN_DOWN
      browser.open(console + "/environments/" + id);
      browser.script("window.confirm = function () { return true; };");
      browser.driver().findElement(By.cssSelector("form#teardown button[type=submit]")).click();
      browser.waitFor(
          By.cssSelector("#environment-state [data-state=TORN_DOWN]"), Duration.ofSeconds(60));
      assertThat(browser.path()).isEqualTo("/environments/" + id);
      assertThat(browser.driver().findElements(By.id("teardown"))).isEmpty();
      browser.assertNoConsoleErrors();
    }
    assertThat(
            alice
                .get(stack.url(PROVISIONER) + "/api/v1/environments/" + id)
                .json()
                .path("state")
                .asText())
        .isEqualTo("TORN_DOWN");
  }

  @Test
  void anEnvironmentIsRequestedWithTheFormAndARefusedRepositoryIsSaidBesideIt() throws Exception {
    try (Browser browser = new Browser()) {
      browser.signIn(console, "alice").open(console + "/environments");
      browser.driver().findElement(By.id("repository-url")).sendKeys("file:///etc/passwd");
      browser.driver().findElement(By.cssSelector("#request-environment button")).click();

      browser.waitForText(
          By.cssSelector("#request-environment .error"), "refused", Duration.ofSeconds(10));
      assertThat(browser.path()).isEqualTo("/environments");
      assertThat(browser.driver().findElement(By.id("repository-url")).getAttribute("value"))
          .isEqualTo("file:///etc/passwd");
      browser.clearConsoleErrors();

      WebElement url = browser.driver().findElement(By.id("repository-url"));
      url.clear();
      url.sendKeys(stack.url(SIMULATORS) + "/git/cpu-only.git");
      browser.driver().findElement(By.id("duration-hours")).sendKeys("3");
      Map<String, String> sent = browser.formFields("#request-environment form");
      assertThat(sent.get("requestKey")).isNotBlank();
      browser.driver().findElement(By.cssSelector("#request-environment button")).click();

      browser.waitForUrl(console + "/environments/", Duration.ofSeconds(10));
      String id = browser.path().substring("/environments/".length());
      assertThat(browser.heading()).contains(id);
      // the same form sent again (a double click, a resent POST) leads to the same environment
      HttpResponse<String> again = browser.postForm(console, "/environments", sent);
      assertThat(again.statusCode()).as(again.body()).isEqualTo(303);
      assertThat(again.headers().firstValue("Location").orElseThrow())
          .endsWith("/environments/" + id);
      JsonNode env = alice.get(stack.url(PROVISIONER) + "/api/v1/environments/" + id).json();
      assertThat(env.path("owner").asText()).isEqualTo("alice");
      assertThat(env.path("repository").path("url").asText()).endsWith("/git/cpu-only.git");
      assertThat(alice.delete(stack.url(PROVISIONER) + "/api/v1/environments/" + id).status())
          .isEqualTo(202);
      browser.waitFor(
          By.cssSelector(
              "#environment-state [data-state=CANCELLED], #environment-state"
                  + " [data-state=TORN_DOWN]"),
          Duration.ofSeconds(60));
    }
  }

  @Test
  void aFormSentTwiceAtOnceMakesOneEnvironmentAndBothLandOnIt() throws Exception {
    try (Browser browser = new Browser()) {
      browser.signIn(console, "alice").open(console + "/environments");
      browser
          .driver()
          .findElement(By.id("repository-url"))
          .sendKeys(stack.url(SIMULATORS) + "/git/cpu-only.git");
      Map<String, String> form = browser.formFields("#request-environment form");
      int before = alicesEnvironments();

      // a double click: the second may reach the provisioner while the first holds the key
      java.util.concurrent.ExecutorService two =
          java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        java.util.concurrent.Callable<HttpResponse<String>> send =
            () -> browser.postForm(console, "/environments", form);
        java.util.concurrent.Future<HttpResponse<String>> first = two.submit(send);
        java.util.concurrent.Future<HttpResponse<String>> second = two.submit(send);
        HttpResponse<String> a = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
        HttpResponse<String> b = second.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(a.statusCode()).as(a.body()).isEqualTo(303);
        assertThat(b.statusCode()).as(b.body()).isEqualTo(303);
        String landing = a.headers().firstValue("Location").orElseThrow();
        assertThat(b.headers().firstValue("Location")).contains(landing);
        assertThat(alicesEnvironments()).isEqualTo(before + 1);
        String id = landing.substring(landing.lastIndexOf('/') + 1);
        assertThat(alice.delete(stack.url(PROVISIONER) + "/api/v1/environments/" + id).status())
            .isEqualTo(202);
      } finally {
        two.shutdownNow();
      }
    }
  }

  private static int alicesEnvironments() {
    return alice
        .get(stack.url(PROVISIONER) + "/api/v1/environments?$top=1000")
        .json()
        .path("value")
        .size();
  }

  @Test
  void theAdminSeesTheRunnersAndEveryServicesDeadLetters() throws Exception {
    try (Browser browser = new Browser()) {
      browser.signIn(console, "admin").open(console + "/admin");

      assertThat(browser.status()).isEqualTo(200);
      assertThat(browser.heading()).isEqualTo("Admin");
      assertThat(browser.driver().findElements(By.cssSelector("#runner-list tbody tr")))
          .isNotEmpty();
      assertThat(
              browser.driver().findElements(By.cssSelector("section.dead-letters")).stream()
                  .map(s -> s.getAttribute("data-service"))
                  .toList())
          .containsExactly("scheduler", "gateway", "worker", "notifier", "provisioner");
      assertThat(browser.driver().findElements(By.cssSelector("section.dead-letters .error")))
          .as("every service answered")
          .isEmpty();
      assertThat(browser.driver().findElement(By.cssSelector("nav a[href='/admin']")).isDisplayed())
          .isTrue();
      browser.assertAccessible();
      browser.screenshot("admin");
      browser.assertNoConsoleErrors();
    }
  }

  @Test
  void aDeadLetterIsListedInItsServicesSectionAndItsReplayAnswerShownThere() throws Exception {
    String key = "console-it-" + java.util.UUID.randomUUID();
    try (dev.gort.testsupport.KafkaTestClient kafka =
        new dev.gort.testsupport.KafkaTestClient(stack.kafkaBootstrap())) {
      kafka.publish("gort.environments.requested", key, "not an event {");
    }
    Http.Session admin = Http.as(stack.token("admin"));
    String letter =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  for (JsonNode d :
                      admin
                          .get(stack.url(PROVISIONER) + "/api/v1/dead-letters?$top=1000")
                          .json()
                          .path("value")) {
                    if (key.equals(d.path("key").asText())) {
                      return d.path("id").asText();
                    }
                  }
                  return null;
                },
                java.util.Objects::nonNull);

    try (Browser browser = new Browser()) {
      browser.signIn(console, "admin").open(console + "/admin");
      By row = By.cssSelector("#dead-letters-provisioner tr[data-dead-letter='" + letter + "']");
      assertThat(browser.waitFor(row, Duration.ofSeconds(5)).getText())
          .contains("not a Gort event")
          .contains("gort.environments.requested");

      browser.script("window.confirm = function () { return true; };");
      browser.driver().findElement(row).findElement(By.cssSelector("button[type=submit]")).click();

      // a payload that is not an event is never replayed: the service says so, in its section
      assertThat(
              browser
                  .waitForText(
                      By.cssSelector("#dead-letters-provisioner .error"),
                      "not a Gort event",
                      Duration.ofSeconds(10))
                  .getText())
          .startsWith("Not replayed");
      assertThat(browser.status()).isEqualTo(409);
      assertThat(browser.heading()).isEqualTo("Admin");
    }
  }

  @Test
  void anOwnerOpeningTheAdminPageIsNotAllowed() throws Exception {
    try (Browser browser = new Browser()) {
      browser.signIn(console, "alice").open(console + "/environments");
      assertThat(browser.driver().findElements(By.cssSelector("nav a[href='/admin']"))).isEmpty();

      browser.open(console + "/admin");

      assertThat(browser.status()).isEqualTo(403);
      assertThat(browser.heading()).isEqualTo("Not allowed");
      browser.assertAccessible();
    }
  }

  /** Read in the page: the live area swaps its content under any element held here. */
  private static String saveStep(Browser browser) {
    return (String)
        browser.script(
            "const badge = document.querySelector('#steps tr[data-step=save] [data-state]');"
                + " return badge ? badge.getAttribute('data-state') : null;");
  }

  private static void timings(int pendingMs, int leaseActiveMs, int serverActiveMs) {
    Http.Answer a =
        Http.anonymous()
            .put(
                stack.url(SIMULATORS) + "/sim/openstack/timings",
                Http.json(
                    Map.of(
                        "leasePendingAfterMs",
                        pendingMs,
                        "leaseActiveAfterMs",
                        leaseActiveMs,
                        "serverActiveAfterMs",
                        serverActiveMs)));
    assertThat(a.status()).isBetween(200, 204);
  }
}
