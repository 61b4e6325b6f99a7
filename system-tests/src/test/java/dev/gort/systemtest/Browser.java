package dev.gort.systemtest;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through chromedriver, for the web console's page tests: the Debian
 * {@code chromium} and {@code chromium-driver} packages ({@code .ci/run} installs them; system
 * properties {@code gort.chromium} and {@code gort.chromedriver} name others), never a download (no
 * Selenium Manager). Each browser has a fresh profile under {@code target/browser/}, so no cookies
 * are shared between two of them; closing it quits Chromium and deletes the profile.
 *
 * <p>It also keeps the browser console's severe entries (a script error, a CSP violation, a
 * resource that failed to load) for {@link #assertNoConsoleErrors()}, and runs axe-core over the
 * current page in {@link #assertAccessible()}.
 */
public final class Browser implements AutoCloseable {

  public static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(30);

  /** How long {@link #signIn} and {@link #signOut} wait for each page of the round trip. */
  public static final Duration NAVIGATION_TIMEOUT = Duration.ofSeconds(20);

  public static final int WIDTH = 1280;
  public static final int HEIGHT = 900;

  /** The axe-core impacts that fail {@link #assertAccessible()}. */
  private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

  private static final AtomicInteger BROWSERS = new AtomicInteger();

  /**
   * Quiet: Selenium looks for a CDP module matching Chromium's version when a driver starts and
   * warns that there is none; nothing here uses CDP. Held so that the setting is not collected.
   */
  private static final java.util.logging.Logger CDP_FINDER =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_FINDER.setLevel(Level.SEVERE);
  }

  private final Path target = Path.of(System.getProperty("gort.target", "target")).toAbsolutePath();
  private final Path profile;
  private final ChromeDriver driver;
  private final List<LogEntry> consoleErrors = new ArrayList<>();

  /** Starts a headless Chromium with a fresh profile. */
  public Browser() throws IOException {
    Path home = target.resolve("browser");
    Files.createDirectories(home);
    int n = BROWSERS.incrementAndGet();
    profile = Files.createTempDirectory(home, "profile-" + n + "-");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                new File(System.getProperty("gort.chromedriver", "/usr/bin/chromedriver")))
            .usingAnyFreePort()
            .withLogFile(home.resolve("chromedriver-" + n + ".log").toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("gort.chromium", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--disable-dev-shm-usage",
        "--window-size=" + WIDTH + "," + HEIGHT,
        "--user-data-dir=" + profile);
    options.setPageLoadTimeout(PAGE_LOAD_TIMEOUT);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    driver = new ChromeDriver(service, options);
  }

  /** The driver, for what this class does not wrap. */
  public WebDriver driver() {
    return driver;
  }

  /** Loads {@code url} and returns when the page (after any redirects) has loaded. */
  public Browser open(String url) {
    driver.get(url);
    return this;
  }

  /** The URL of the current page. */
  public String url() {
    return driver.getCurrentUrl();
  }

  /** The path of the current page's URL ({@code /experiments}). */
  public String path() {
    return URI.create(driver.getCurrentUrl()).getPath();
  }

  /**
   * The HTTP status the current document was served with (its navigation timing entry; 0 when the
   * browser does not know, as for {@code about:blank}).
   */
  public int status() {
    Object status =
        driver.executeScript(
            "const n = performance.getEntriesByType('navigation')[0];"
                + " return n ? n.responseStatus : 0;");
    return status == null ? 0 : ((Number) status).intValue();
  }

  /** The page's title. */
  public String title() {
    return driver.getTitle();
  }

  /** The text of the first element {@code by} selects, waiting a few seconds for it. */
  public String text(By by) {
    return waitFor(by, Duration.ofSeconds(5)).getText();
  }

  /** The text of the page's first {@code h1}. */
  public String heading() {
    return text(By.tagName("h1"));
  }

  /** The first element {@code by} selects, once it is on the page and visible. */
  public WebElement waitFor(By by, Duration atMost) {
    return new WebDriverWait(driver, atMost)
        .withMessage(() -> "no visible " + by + " on " + driver.getCurrentUrl())
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** The first element {@code by} selects, once its text contains {@code text}. */
  public WebElement waitForText(By by, String text, Duration atMost) {
    new WebDriverWait(driver, atMost)
        .withMessage(() -> "no " + by + " with text '" + text + "' on " + driver.getCurrentUrl())
        .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    return driver.findElement(by);
  }

  /** Waits until the current URL starts with {@code prefix}. */
  public Browser waitForUrl(String prefix, Duration atMost) {
    new WebDriverWait(driver, atMost)
        .withMessage(() -> "still on " + driver.getCurrentUrl() + ", not on " + prefix + "...")
        .until(d -> d.getCurrentUrl().startsWith(prefix));
    return this;
  }

  /**
   * Signs in to the console at {@code consoleUrl} as local user {@code user}: goes to the console,
   * which sends the browser to the issuer's login page, fills in its form, submits it and waits
   * until the browser is back on the console. Fails when the console did not ask for a sign-in.
   */
  public Browser signIn(String consoleUrl, String user, String password) {
    String console = consoleUrl.endsWith("/") ? consoleUrl : consoleUrl + "/";
    open(console);
    if (driver.getCurrentUrl().startsWith(console)) {
      throw new IllegalStateException(
          "the console did not ask for a sign-in (already signed in?): " + url());
    }
    WebElement username = waitFor(By.cssSelector("input[name=username]"), NAVIGATION_TIMEOUT);
    username.clear();
    username.sendKeys(user);
    WebElement secret = driver.findElement(By.cssSelector("input[name=password]"));
    secret.clear();
    secret.sendKeys(password);
    List<WebElement> submit =
        driver.findElements(By.cssSelector("button[type=submit], input[type=submit]"));
    if (submit.isEmpty()) {
      secret.submit();
    } else {
      submit.get(0).click();
    }
    try {
      // back on the console, past its redirect endpoint (the code in the query) and loaded
      new WebDriverWait(driver, NAVIGATION_TIMEOUT)
          .until(
              d -> {
                URI at = URI.create(d.getCurrentUrl());
                String query = at.getRawQuery() == null ? "" : "&" + at.getRawQuery();
                return d.getCurrentUrl().startsWith(console)
                    && !query.contains("&code=")
                    && "complete".equals(script("return document.readyState"));
              });
      return this;
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "signing in as "
              + user
              + " did not get back to the console; the page says: "
              + bodyText(),
          e);
    }
  }

  /** The same, with {@code user}'s password on the system-test stack. */
  public Browser signIn(String consoleUrl, String user) {
    return signIn(consoleUrl, user, GortStack.PASSWORDS.get(user));
  }

  /**
   * Signs out with the console header's {@code form#sign-out} and waits until the browser has
   * landed on {@code /signed-out} (the console's page; a path ending so, for a console under a
   * prefix).
   */
  public Browser signOut() {
    WebElement form = waitFor(By.cssSelector("form#sign-out"), Duration.ofSeconds(5));
    List<WebElement> submit =
        form.findElements(By.cssSelector("button[type=submit], input[type=submit], button"));
    if (submit.isEmpty()) {
      form.submit();
    } else {
      submit.get(0).click();
    }
    new WebDriverWait(driver, NAVIGATION_TIMEOUT)
        .withMessage(() -> "signing out did not land on /signed-out: " + driver.getCurrentUrl())
        .until(
            d ->
                URI.create(d.getCurrentUrl()).getPath().endsWith("/signed-out")
                    && "complete".equals(script("return document.readyState")));
    return this;
  }

  /** The visible text of the page, for failure messages. */
  public String bodyText() {
    List<WebElement> body = driver.findElements(By.tagName("body"));
    return body.isEmpty() ? "" : body.get(0).getText();
  }

  /**
   * Saves what the viewport shows ({@value #WIDTH}x{@value #HEIGHT}) as {@code
   * target/screenshots/<name>.png} and returns the file.
   */
  public Path screenshot(String name) throws IOException {
    Path dir =
        Path.of(System.getProperty("gort.screenshots", target.resolve("screenshots").toString()));
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".png");
    Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    return file;
  }

  /** axe-core's results for the current page. */
  public Results axe() {
    Results results = new AxeBuilder().analyze(driver);
    if (results.isErrored()) {
      throw new AssertionError("axe-core failed on " + url() + ": " + results.getErrorMessage());
    }
    return results;
  }

  /** The current page's axe-core violations of impact {@code serious} or {@code critical}. */
  public List<Rule> seriousViolations() {
    return axe().getViolations().stream()
        .filter(rule -> FAILING_IMPACTS.contains(rule.getImpact()))
        .collect(Collectors.toList());
  }

  /**
   * Runs axe-core over the current page and fails with a list of its violations of impact {@code
   * serious} or {@code critical}: each rule, why, where to read about it, and the elements.
   */
  public Browser assertAccessible() {
    List<Rule> violations = seriousViolations();
    if (!violations.isEmpty()) {
      throw new AssertionError(
          violations.size()
              + " serious accessibility violation(s) on "
              + url()
              + ":\n"
              + describe(violations));
    }
    return this;
  }

  /** Rules and their elements, one line each, readable in a failure message. */
  static String describe(List<Rule> violations) {
    StringBuilder s = new StringBuilder();
    for (Rule rule : violations) {
      s.append("- [")
          .append(rule.getImpact())
          .append("] ")
          .append(rule.getId())
          .append(": ")
          .append(rule.getHelp())
          .append(" (")
          .append(rule.getHelpUrl())
          .append(")\n");
      for (CheckedNode node : rule.getNodes()) {
        s.append("    ").append(node.getTarget()).append("  ").append(node.getHtml()).append('\n');
      }
    }
    return s.toString();
  }

  /**
   * The browser console's severe entries since this browser started (or {@link
   * #clearConsoleErrors()}): script errors, CSP violations, resources that failed to load. The
   * browser's own request for {@code /favicon.ico} is left out.
   */
  public List<LogEntry> consoleErrors() {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
          && !entry.getMessage().contains("/favicon.ico")) {
        consoleErrors.add(entry);
      }
    }
    return List.copyOf(consoleErrors);
  }

  /** Forgets the console errors seen so far (those of a page expected to have some, a 404). */
  public Browser clearConsoleErrors() {
    consoleErrors();
    consoleErrors.clear();
    return this;
  }

  /** Fails when the browser console has had a severe entry (see {@link #consoleErrors()}). */
  public Browser assertNoConsoleErrors() {
    List<LogEntry> errors = consoleErrors();
    if (!errors.isEmpty()) {
      throw new AssertionError(
          "the browser console has "
              + errors.size()
              + " error(s) (now on "
              + url()
              + "):\n"
              + errors.stream().map(e -> "- " + e.getMessage()).collect(Collectors.joining("\n")));
    }
    return this;
  }

  /** The named fields of a form as the page holds them now, hidden ones too. */
  @SuppressWarnings("unchecked")
  public Map<String, String> formFields(String formSelector) {
    return (Map<String, String>)
        script(
            "var out = {}; new FormData(document.querySelector(arguments[0]))"
                + ".forEach(function (v, k) { out[k] = v; }); return out;",
            formSelector);
  }

  /**
   * A form POST to {@code origin + path} with this browser's cookies, as the browser would send it
   * again (a double click, a resent form).
   */
  public HttpResponse<String> postForm(String origin, String path, Map<String, String> fields)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(origin + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", cookieHeader())
            .header("Origin", origin)
            .POST(HttpRequest.BodyPublishers.ofString(Http.formBody(fields)))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** This browser's cookies as a {@code Cookie} header, to make its requests from Java. */
  public String cookieHeader() {
    return driver.manage().getCookies().stream()
        .map(c -> c.getName() + "=" + c.getValue())
        .collect(Collectors.joining("; "));
  }

  /** Runs {@code script} in the page and returns what it returns. */
  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> all = Files.walk(profile)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // best effort: a profile left under target harms nothing
      }
    }
  }
}
