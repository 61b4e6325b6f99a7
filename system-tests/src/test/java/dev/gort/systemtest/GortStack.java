package dev.gort.systemtest;

import dev.gort.testsupport.PostgresServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole system as separate processes from the built jars: a Kafka broker, the simulators, the
 * five services and the web console, on free ports, each service with a fresh database of its own
 * (dropped at the end). One stack per test JVM; it does not touch a local stack that may be
 * running.
 */
public final class GortStack implements AutoCloseable {

  public static final String SCHEDULER = "scheduler-service";
  public static final String GATEWAY = "runner-gateway";
  public static final String WORKER = "results-worker";
  public static final String NOTIFIER = "notification-service";
  public static final String PROVISIONER = "provisioner-service";
  public static final String SIMULATORS = "simulators";
  public static final String LOCAL_RUNNER = "local-runner";
  public static final String WEB_CONSOLE = "web-console";
  public static final String LOCAL_RUNNER_TOKEN = "system-test-local-runner-token";
  public static final String LOCAL_RUNNER_SECRET = "system-test-local-runner-secret";
  public static final String RUNNER_SECRET = "system-test-runner-secret";
  public static final String GITHUB_TOKEN = "system-test-github-token";
  public static final String TUXSUITE_TOKEN = "system-test-tuxsuite-token";
  public static final String KCIDB_TOKEN = "system-test-kcidb-token";
  public static final String GITHUB_WEBHOOK_SECRET = "system-test-github-webhook-secret";

  /** The web console's secret as the simulators' {@code gort-console} OIDC client. */
  public static final String CONSOLE_CLIENT_SECRET = "system-test-console-secret";

  /** The repository and workflow the github-actions runner's defaults name, at the simulator. */
  public static final String GITHUB_REPOSITORY = "gort-tests/experiments";

  public static final String DISPATCH_DEADLINE = "PT5S";
  public static final String UNRESPONSIVE_GRACE = "PT5S";
  public static final String STALL_ALLOWANCE = "PT20S";
  public static final int MAX_RESULTS_BYTES = 1024 * 1024;

  /**
   * The notifier's longest wait for the SMTP sink to take a mail (its sends are leased for twice
   * that): seconds, so that a notification left by a notifier killed mid-send goes out again soon.
   */
  public static final Duration NOTIFIER_SEND_TIMEOUT = Duration.ofSeconds(3);

  /**
   * How long the SMTP sink holds its acknowledgement of a new message to a {@code slow-} recipient:
   * longer than the notifier's send timeout. Other recipients are answered at once.
   */
  public static final Duration SMTP_SLOW_ACK = Duration.ofSeconds(20);

  /** The local users of the simulators' OIDC realm, and the password each gets here. */
  public static final Map<String, String> PASSWORDS =
      Map.of(
          "alice", "alice-system-test",
          "bob", "bob-system-test",
          "ops", "ops-system-test",
          "admin", "admin-system-test");

  private static GortStack shared;

  private final Path root = Path.of(System.getProperty("gort.root", "..")).toAbsolutePath();
  private final Path logs =
      Path.of(System.getProperty("gort.stack.logs", "target/stack-logs")).toAbsolutePath();
  private final PostgresServer postgres = PostgresServer.local();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, String> databases = new HashMap<>();
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<Instance> extraInstances = new ArrayList<>();
  private final String tuxSuiteKey = tuxSuiteSigningKey();
  private final String consoleSessionSecret = randomSecret(48);
  private final int kafkaPort;
  private final int smtpPort;
  private Process kafka;
  private Path kafkaData;
  private Path signingKey;
  private int kafkaStarts;

  private GortStack() throws IOException {
    for (String app :
        List.of(SIMULATORS, SCHEDULER, GATEWAY, WORKER, NOTIFIER, PROVISIONER, LOCAL_RUNNER)) {
      ports.put(app, freePort());
    }
    // the web console, where the checkout has it (a branch from before it runs the stack without)
    if (Files.exists(root.resolve(WEB_CONSOLE).resolve("pom.xml"))) {
      ports.put(WEB_CONSOLE, freePort());
    }
    kafkaPort = freePort();
    smtpPort = freePort();
    Files.createDirectories(logs);
  }

  /** The stack of this JVM, started on first use and stopped when the JVM exits. */
  public static synchronized GortStack shared() throws Exception {
    if (shared == null) {
      GortStack stack = new GortStack();
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
      stack.start();
      Http.signInAs(stack.token("ops"));
      shared = stack;
    }
    return shared;
  }

  private void start() throws Exception {
    Instant began = Instant.now();
    signingKey = writeSigningKey(logs.getParent().resolve("oidc-signing-key.pem"));
    startKafka();
    for (String app : List.of(SCHEDULER, GATEWAY, WORKER, NOTIFIER, PROVISIONER)) {
      databases.put(app, postgres.createDatabase(app.replace("-", "_")));
    }
    for (String app : ports.keySet()) {
      startApp(app);
    }
    for (String app : ports.keySet()) {
      awaitReady(app, Duration.ofSeconds(120));
    }
    System.out.printf(
        "system test stack ready in %d ms (logs in %s)%n",
        Duration.between(began, Instant.now()).toMillis(), logs);
  }

  public String url(String app) {
    return "http://127.0.0.1:" + ports.get(app);
  }

  /** Whether this stack runs {@code app} (the web console only where the checkout has it). */
  public boolean runs(String app) {
    return ports.containsKey(app);
  }

  public String kafkaBootstrap() {
    return "127.0.0.1:" + kafkaPort;
  }

  /** The log file of {@code app}. */
  public Path log(String app) {
    return logs.resolve(app + ".log");
  }

  /** The simulators' OIDC issuer, which every service takes tokens of. */
  public String issuer() {
    return url(SIMULATORS) + "/realms/gort";
  }

  /**
   * An access token for local user {@code user} ({@code alice}, {@code bob}: owners; {@code ops}:
   * operator; {@code admin}), from the issuer's token endpoint as the CLI gets one; kept for the
   * run (tokens live an hour).
   */
  public String token(String user) {
    return tokens.computeIfAbsent(
        user,
        u -> {
          Http.Answer answer =
              Http.postForm(
                  issuer() + "/protocol/openid-connect/token",
                  Map.of(
                      "grant_type",
                      "password",
                      "client_id",
                      "gort-cli",
                      "username",
                      u,
                      "password",
                      PASSWORDS.get(u)));
          if (answer.status() != 200) {
            throw new IllegalStateException("no token for " + u + ": " + answer.raw().body());
          }
          return answer.json().path("access_token").asText();
        });
  }

  /**
   * A token the issuer's own key signed for {@code user} with {@code roles}, issued at {@code
   * issuedAt} for {@code lifetime}: for tokens the token endpoint does not hand out (expired).
   */
  public String mintedToken(String user, Instant issuedAt, Duration lifetime, String... roles)
      throws IOException {
    return new dev.gort.oidc.TokenIssuer(issuer(), dev.gort.oidc.SigningKey.load(signingKey))
        .mint(claims(user, roles), issuedAt, lifetime);
  }

  /** A token signed by another key under the issuer's key id: a forgery. */
  public String forgedToken(String user, String... roles) throws IOException {
    String keyId = dev.gort.oidc.SigningKey.load(signingKey).keyId();
    return new dev.gort.oidc.TokenIssuer(
            issuer(), dev.gort.oidc.SigningKey.generate().withKeyId(keyId))
        .mint(claims(user, roles), Instant.now(), Duration.ofHours(1));
  }

  private static dev.gort.oidc.TokenClaims claims(String user, String... roles) {
    return dev.gort.oidc.TokenClaims.of(user, null, List.of(roles), "gort", "gort-cli");
  }

  /** An RSA key in PKCS#8 PEM for the simulators' issuer, as deploy/local/start makes one. */
  private static Path writeSigningKey(Path file) throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
            + "\n-----END PRIVATE KEY-----\n";
    Files.writeString(file, pem);
    return file;
  }

  /** Kills the Kafka broker at once (SIGKILL), as a crash would; its data stays. */
  public void killKafka() throws InterruptedException {
    kafka.destroyForcibly();
    kafka.waitFor();
  }

  /**
   * Starts the Kafka broker again on the same port: on its data, or ({@code wiped}) on none, as a
   * broker that lost its disk comes back.
   */
  public void restartKafka(boolean wiped) throws Exception {
    if (kafka.isAlive()) {
      killKafka();
    }
    if (wiped) {
      deleteRecursively(kafkaData);
      kafkaData = null;
    }
    startKafka();
  }

  /**
   * Stops the service as an orchestrator would (SIGTERM: it finishes what it holds and leaves its
   * consumer groups, so a restarted one gets its partitions at once).
   */
  public void stop(String app) throws InterruptedException {
    Process p = processes.get(app);
    p.destroy();
    if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  /** {@code length} random letters and digits: a secret made per stack. */
  private static String randomSecret(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    java.security.SecureRandom random = new java.security.SecureRandom();
    StringBuilder secret = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return secret.toString();
  }

  /** An EC P-256 private key, PKCS#8 DER in base64, as GORT_SIM_TUXSUITE_PRIVATE_KEY takes it. */
  private static String tuxSuiteSigningKey() {
    try {
      java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
      generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
      return java.util.Base64.getEncoder()
          .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Kills the service at once (SIGKILL), as a crash would. */
  public void kill(String app) throws InterruptedException {
    Process p = processes.get(app);
    p.destroyForcibly();
    p.waitFor();
  }

  /**
   * Starts one more instance of {@code app} (a replica) on a new port, with the same environment
   * and database as the first, and waits until it is ready. Closing it stops it (SIGTERM).
   */
  public synchronized Instance startExtra(String app) throws Exception {
    return startExtra(app, Map.of());
  }

  /**
   * The same, with the stack's environment changed by {@code changes} for this instance only (a
   * replica with another setting, e.g. {@code GORT_SCHEDULER_MAX_ATTEMPTS}).
   */
  public synchronized Instance startExtra(String app, Map<String, String> changes)
      throws Exception {
    String portVariable = PORT_VARIABLES.get(app);
    if (portVariable == null) {
      throw new IllegalArgumentException("no port variable known for " + app);
    }
    int port = freePort();
    String name = app + "-extra-" + (extraInstances.size() + 1);
    ProcessBuilder pb = appProcess(app, name);
    pb.environment().putAll(changes);
    pb.environment().put(portVariable, String.valueOf(port));
    Instance instance = new Instance(name, "http://127.0.0.1:" + port, pb.start());
    extraInstances.add(instance);
    awaitReady(name, instance.process, instance.url, Duration.ofSeconds(120));
    return instance;
  }

  /**
   * Runs {@code app} once more with the stack's environment changed by {@code changes} (a null
   * value removes a variable), expecting it to refuse to start: waits for it to exit and returns
   * its exit code and what it logged.
   */
  public Refusal runExpectingRefusal(String app, Map<String, String> changes, Duration atMost)
      throws Exception {
    String name = app + "-refused-" + (extraInstances.size() + 1);
    ProcessBuilder pb = appProcess(app, name);
    pb.environment().put(PORT_VARIABLES.get(app), String.valueOf(freePort()));
    changes.forEach(
        (variable, value) -> {
          if (value == null) {
            pb.environment().remove(variable);
          } else {
            pb.environment().put(variable, value);
          }
        });
    Process p = pb.start();
    if (!p.waitFor(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      stop(p);
      throw new AssertionError(name + " did not exit within " + atMost);
    }
    return new Refusal(p.exitValue(), Files.readString(logs.resolve(name + ".log")));
  }

  /** How a service that refused to start ended. */
  public record Refusal(int exitCode, String log) {}

  /** An extra instance of a service, from {@link #startExtra}. */
  public static final class Instance implements AutoCloseable {
    private final String name;
    private final String url;
    private final Process process;

    private Instance(String name, String url, Process process) {
      this.name = name;
      this.url = url;
      this.process = process;
    }

    public String name() {
      return name;
    }

    public String url() {
      return url;
    }

    @Override
    public void close() {
      stop(process);
    }
  }

  /**
   * Starts every service a failed test left stopped (and Kafka), so that the tests after it find a
   * whole stack.
   */
  public synchronized void restoreStopped() throws Exception {
    if (!kafka.isAlive()) {
      restartKafka(false);
    }
    for (Map.Entry<String, Process> app : new ArrayList<>(processes.entrySet())) {
      if (!app.getValue().isAlive()) {
        restart(app.getKey());
      }
    }
  }

  /** Starts a killed service again on the same port and database and waits until it is ready. */
  public void restart(String app) throws Exception {
    startApp(app);
    awaitReady(app, Duration.ofSeconds(120));
  }

  private void startKafka() throws Exception {
    Path lib = root.resolve("kafka-broker/target/lib");
    Path jar;
    try (Stream<Path> files = Files.list(root.resolve("kafka-broker/target"))) {
      jar =
          files
              .filter(f -> f.getFileName().toString().matches("gort-kafka-broker-.*\\.jar"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("kafka-broker is not built"));
    }
    kafkaStarts++;
    Path log = logs.resolve(kafkaStarts == 1 ? "kafka.log" : "kafka-" + kafkaStarts + ".log");
    if (kafkaData == null) {
      kafkaData = Files.createTempDirectory("gort-system-kafka");
    }
    kafka =
        new ProcessBuilder(
                javaBin(),
                "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                lib + "/*" + java.io.File.pathSeparator + jar,
                "dev.gort.kafka.KafkaBrokerMain",
                String.valueOf(kafkaPort),
                kafkaData.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Instant deadline = Instant.now().plusSeconds(60);
    while (!Files.readString(log).contains("KAFKA READY")) {
      if (!kafka.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Kafka did not start; see " + log);
      }
      Thread.sleep(200);
    }
  }

  private void startApp(String app) throws IOException {
    processes.put(app, appProcess(app, app).start());
  }

  /** The process of {@code app}, logging to {@code <logName>.log}, not started yet. */
  private ProcessBuilder appProcess(String app, String logName) {
    Path jar = root.resolve(app).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build the services first");
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                javaBin(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(logs.resolve(logName + ".log").toFile()));
    pb.environment().putAll(environment());
    return pb;
  }

  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("GORT_KAFKA_BOOTSTRAP", kafkaBootstrap());
    env.put("GORT_SIM_PORT", String.valueOf(ports.get(SIMULATORS)));
    env.put("GORT_SIM_SMTP_PORT", String.valueOf(smtpPort));
    env.put("GORT_SIM_RUNNER_SECRET", RUNNER_SECRET);
    env.put("GORT_SIM_PUBLIC_URL", url(SIMULATORS));
    env.put("GORT_EXPERIMENT_SOURCE_URL", url(SIMULATORS));
    env.put("GORT_SIM_RUNNER_URL", url(SIMULATORS));
    // the scheduler checks runners, kinds and settings with the gateway
    env.put("GORT_GATEWAY_URL", url(GATEWAY));
    env.put("GORT_GITHUB_API_URL", url(SIMULATORS) + "/github");
    env.put("GORT_GITHUB_TOKEN", GITHUB_TOKEN);
    env.put("GORT_GITHUB_WEBHOOK_SECRET", GITHUB_WEBHOOK_SECRET);
    env.put("GORT_GITHUB_REPOSITORY", GITHUB_REPOSITORY);
    env.put("GORT_GITHUB_WORKFLOW", "gort.yml");
    // TuxSuite's simulator: the gateway's token, the project whose key signs the callbacks (a key
    // generated per stack), default kernel and repository so that any experiment can run
    env.put("GORT_TUXSUITE_API_URL", url(SIMULATORS) + "/tuxsuite");
    env.put("GORT_TUXSUITE_TOKEN", TUXSUITE_TOKEN);
    env.put("GORT_TUXSUITE_GROUP", "gort");
    env.put("GORT_TUXSUITE_PROJECT", "system-tests");
    env.put("GORT_TUXSUITE_KERNEL", "https://storage.tuxboot.com/x86_64/bzImage");
    env.put(
        "GORT_TUXSUITE_GIT_REPO",
        "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git");
    env.put("GORT_SIM_TUXSUITE_PRIVATE_KEY", tuxSuiteKey);
    // the results worker submits each report with results to the simulated KCIDB
    env.put("GORT_KCIDB_SUBMIT_URL", url(SIMULATORS) + "/kcidb/submit");
    env.put("GORT_KCIDB_TOKEN", KCIDB_TOKEN);
    // results URLs are the simulators' on loopback: the outbound guard allows that port only
    env.put(
        "GORT_OUTBOUND_ALLOW",
        "127.0.0.1:" + ports.get(SIMULATORS) + ",127.0.0.1:" + ports.get(LOCAL_RUNNER));
    // the local runner agent: jobs from the gateway only; a job with an image fails (no container
    // engine here, images not run on the host: LocalRunnerIT's infrastructure failure); callbacks
    // retried briefly, so a gateway that is down for a few seconds misses one (a lost report)
    env.put("GORT_LOCAL_RUNNER_PORT", String.valueOf(ports.get(LOCAL_RUNNER)));
    env.put("GORT_LOCAL_RUNNER_URL", url(LOCAL_RUNNER));
    env.put("GORT_LOCAL_RUNNER_TOKEN", LOCAL_RUNNER_TOKEN);
    env.put("GORT_LOCAL_RUNNER_SECRET", LOCAL_RUNNER_SECRET);
    env.put("GORT_LOCAL_RUNNER_GATEWAY_URL", url(GATEWAY));
    env.put("GORT_LOCAL_RUNNER_WORK_DIR", logs.getParent().resolve("local-runner-jobs").toString());
    env.put("GORT_LOCAL_RUNNER_IMAGES_ON_HOST", "false");
    env.put("GORT_LOCAL_RUNNER_CALLBACK_RETRIES", "2");
    // the flows run several jobs at once (three in the restart flow, and those being halted)
    env.put("GORT_LOCAL_RUNNER_MAX_JOBS", "16");
    env.put("GORT_LOCAL_RUNNER_CALLBACK_BACKOFF", "PT0.2S");
    env.put("GORT_WORKER_MAX_RESULTS_BYTES", String.valueOf(MAX_RESULTS_BYTES));
    // the notifier links its messages to the worker's reports, and signs its webhooks
    env.put("GORT_REPORTS_URL", url(WORKER));
    env.put("GORT_NOTIFIER_WEBHOOK_SECRET", "system-test-webhook-secret");
    env.put("GORT_SMTP_PORT", String.valueOf(smtpPort));
    // a mail send gives up after seconds; only slow- recipients' mail is acknowledged later
    env.put("GORT_NOTIFIER_SEND_TIMEOUT", NOTIFIER_SEND_TIMEOUT.toString());
    env.put("GORT_SIM_SMTP_SLOW_ACK", SMTP_SLOW_ACK.toString());
    // who may call: the simulators' issuer, as in the local stack (profile local; prod refuses it)
    env.put("QUARKUS_PROFILE", "local");
    env.put("GORT_OIDC_ISSUER", issuer());
    env.put("GORT_SIM_OIDC_KEY_FILE", signingKey.toString());
    PASSWORDS.forEach(
        (user, password) -> env.put("GORT_LOCAL_PASSWORD_" + user.toUpperCase(), password));
    env.put("GORT_LOCAL_CLIENT_SECRET", "automation-system-test");
    env.put("GORT_SIM_GATEWAY_URL", url(GATEWAY));
    // the stall detector in seconds, so lost events are noticed while a test waits; the allowance
    // outlasts a killed service's restart and Kafka's 45 s wait for its consumer's session to end
    env.put("GORT_STALL_SCAN_INTERVAL", "PT0.5S");
    env.put("GORT_STALL_QUEUED", STALL_ALLOWANCE);
    env.put("GORT_STALL_RUNNING_AFTER_DEADLINE", STALL_ALLOWANCE);
    env.put("GORT_STALL_EVALUATING", STALL_ALLOWANCE);
    env.put("GORT_STALL_NOTIFICATION", STALL_ALLOWANCE);
    env.put("GORT_STALL_MAX_NUDGES", "3");
    // seconds, not the production half hour, so the timeout flows finish quickly
    env.put("GORT_DISPATCH_DEADLINE", DISPATCH_DEADLINE);
    env.put("GORT_UNRESPONSIVE_GRACE", UNRESPONSIVE_GRACE);
    env.put("GORT_SCHEDULER_URL", url(SCHEDULER));
    env.put("GORT_GATEWAY_PUBLIC_URL", url(GATEWAY));
    env.put("GORT_SCHEDULER_PORT", String.valueOf(ports.get(SCHEDULER)));
    env.put("GORT_GATEWAY_PORT", String.valueOf(ports.get(GATEWAY)));
    env.put("GORT_WORKER_PORT", String.valueOf(ports.get(WORKER)));
    env.put("GORT_NOTIFIER_PORT", String.valueOf(ports.get(NOTIFIER)));
    env.put("GORT_PROVISIONER_PORT", String.valueOf(ports.get(PROVISIONER)));
    // the web console (an OIDC code-flow client of the simulators' issuer) and the services it
    // calls; the simulators take its secret and send the browser back only to its own port
    env.put("GORT_WORKER_URL", url(WORKER));
    env.put("GORT_NOTIFIER_URL", url(NOTIFIER));
    if (runs(WEB_CONSOLE)) {
      env.put("GORT_CONSOLE_PORT", String.valueOf(ports.get(WEB_CONSOLE)));
      env.put("GORT_CONSOLE_CLIENT_SECRET", CONSOLE_CLIENT_SECRET);
      env.put("GORT_LOCAL_CONSOLE_SECRET", CONSOLE_CLIENT_SECRET);
      env.put("GORT_CONSOLE_SESSION_SECRET", consoleSessionSecret);
      env.put("GORT_SIM_CONSOLE_REDIRECT_URIS", url(WEB_CONSOLE) + "/*");
      env.put("GORT_SIM_CONSOLE_POST_LOGOUT_REDIRECT_URIS", url(WEB_CONSOLE) + "/*");
    }
    // the provisioner: the simulated cloud, model and Git host, with seed 004's waits in seconds
    env.put("OS_AUTH_URL", url(SIMULATORS) + "/identity/v3");
    env.put("OS_USERNAME", "gort");
    env.put("OS_PASSWORD", "gort-sim-password");
    env.put("OS_PROJECT_NAME", "gort");
    env.put("OS_USER_DOMAIN_NAME", "Default");
    env.put("OS_PROJECT_DOMAIN_NAME", "Default");
    env.put("GORT_MODEL_BASE_URL", url(SIMULATORS) + "/v1");
    env.put("GORT_MODEL_API_KEY", "sim-model-key");
    env.put("GORT_MODEL_TIMEOUT", "PT3S");
    env.put("GORT_PROVISIONER_PUBLIC_URL", url(PROVISIONER));
    env.put("GORT_PROVISIONER_URL", url(PROVISIONER));
    env.put("GORT_PROVISIONER_KEY_SECRET", "system-test-private-key-secret");
    env.put("GORT_PROVISIONER_LEASE_START_DELAY", "PT0S");
    env.put("GORT_PROVISIONER_LEASE_POLL", "PT0.3S");
    env.put("GORT_PROVISIONER_LEASE_LIMIT", "PT12S");
    env.put("GORT_PROVISIONER_SERVER_POLL", "PT0.3S");
    env.put("GORT_PROVISIONER_SERVER_LIMIT", "PT12S");
    env.put("GORT_PROVISIONER_TEARDOWN_POLL", "PT0.3S");
    env.put("GORT_PROVISIONER_FIRST_BACKOFF", "PT0.3S");
    env.put("GORT_PROVISIONER_MAX_BACKOFF", "PT2S");
    env.put("GORT_PROVISIONER_WORK_LEASE", "PT20S");
    env.put("GORT_PROVISIONER_WORK_INTERVAL", "PT0.1S");
    env.put("GORT_PROVISIONER_RECONCILE_INTERVAL", "PT1H");
    // short poll interval and back-off so that the scheduled flows finish in seconds
    env.put("GORT_POLL_INTERVAL", "PT1S");
    env.put("GORT_POLL_MAX_BACKOFF", "PT4S");
    Map<String, String> dbPrefixes =
        Map.of(
            SCHEDULER, "GORT_SCHEDULER",
            GATEWAY, "GORT_GATEWAY",
            WORKER, "GORT_WORKER",
            NOTIFIER, "GORT_NOTIFIER",
            PROVISIONER, "GORT_PROVISIONER");
    dbPrefixes.forEach(
        (app, prefix) -> {
          env.put(prefix + "_DB_URL", postgres.jdbcUrl(databases.get(app)));
          env.put(prefix + "_DB_USER", postgres.user());
          env.put(prefix + "_DB_PASSWORD", postgres.password());
        });
    return env;
  }

  private void awaitReady(String app, Duration timeout) throws Exception {
    awaitReady(app, processes.get(app), url(app), timeout);
  }

  private void awaitReady(String name, Process p, String baseUrl, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    URI ready = URI.create(baseUrl + "/q/health/ready");
    while (true) {
      if (!p.isAlive()) {
        throw new IllegalStateException(name + " exited; see " + logs.resolve(name + ".log"));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) ready.toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(3000);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(name + " not ready in " + timeout);
      }
      Thread.sleep(250);
    }
  }

  @Override
  public synchronized void close() {
    extraInstances.forEach(Instance::close);
    List<Process> all = new ArrayList<>(processes.values());
    all.forEach(Process::destroy);
    for (Process p : all) {
      try {
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (kafka != null) {
      kafka.destroy();
      try {
        if (!kafka.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          kafka.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // the broker keeps its data; like the databases, this stack's cluster goes with it
    deleteRecursively(kafkaData);
    databases.values().forEach(postgres::dropDatabase);
    databases.clear();
  }

  private static void deleteRecursively(Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> all = Files.walk(directory)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory left behind harms nothing
    }
  }

  private static void stop(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final Map<String, String> PORT_VARIABLES =
      Map.of(
          SCHEDULER, "GORT_SCHEDULER_PORT",
          GATEWAY, "GORT_GATEWAY_PORT",
          WORKER, "GORT_WORKER_PORT",
          NOTIFIER, "GORT_NOTIFIER_PORT",
          PROVISIONER, "GORT_PROVISIONER_PORT",
          WEB_CONSOLE, "GORT_CONSOLE_PORT");

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * A port free now, below the kernel's ephemeral range (from 32768), so that no outgoing
   * connection can take it between this check and the service binding it.
   */
  private static int freePort() throws IOException {
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    for (int tries = 0; tries < 200; tries++) {
      int port = random.nextInt(20000, 32000);
      if (USED_PORTS.contains(port)) {
        continue;
      }
      try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        USED_PORTS.add(port);
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port found between 20000 and 32000");
  }

  private static final java.util.Set<Integer> USED_PORTS =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
}
