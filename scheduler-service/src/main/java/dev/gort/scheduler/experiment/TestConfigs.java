package dev.gort.scheduler.experiment;

import dev.gort.common.json.SettingsJson;
import dev.gort.common.pipeline.PipelineJson;
import dev.gort.common.pipeline.PipelineParser;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.time.StoredTime;
import dev.gort.common.web.ProblemException;
import dev.gort.scheduler.config.SchedulerConfig;
import dev.gort.scheduler.runner.RunnerChecks;
import dev.gort.scheduler.runner.RunnerGateway;
import dev.gort.scheduler.runner.TestSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Experiments' test configurations (issue 10): how each is tested, checked by its runner through
 * the gateway before it is stored, and what a run is requested with: the request's runner, kind and
 * settings over the stored ones, over the defaults.
 */
@ApplicationScoped
public class TestConfigs {

  /** Runner settings are a small JSON object: a configuration, not a document. */
  public static final int MAX_SETTINGS_BYTES = 16 * 1024;

  private static final Logger LOG = Logger.getLogger(TestConfigs.class);

  @Inject RunnerChecks checks;
  @Inject SchedulerConfig config;
  @Inject Clock clock;

  /** The stored configuration of {@code experiment}, or the defaults (not stored). */
  public TestConfigView get(String experiment) {
    return stored(experiment).orElseGet(() -> defaults(experiment));
  }

  private TestConfigView defaults(String experiment) {
    return new TestConfigView(
        experiment,
        config.defaultRunner(),
        TestSpec.DEFAULT_KIND,
        Map.of(),
        null,
        false,
        null,
        null,
        0);
  }

  private Optional<TestConfigView> stored(String experiment) {
    return QuarkusTransaction.requiringNew()
        .call(() -> TestConfig.of(experiment).map(TestConfigView::of));
  }

  /**
   * Checks {@code runner}, {@code kind} and {@code settings} with the runner (outside any
   * transaction), then stores what the runner checked, unless {@code ifMatch} names another version
   * than the stored one.
   *
   * @param runner null for the default runner
   * @param kind null for {@code test}
   * @param pipeline the pipeline a test run runs, already validated; null for none
   * @param authorization the caller's {@code Authorization} header, forwarded to the gateway
   * @param ifMatch the request's {@code If-Match}, null when it sent none
   */
  public TestConfigView put(
      String experiment,
      String runner,
      String kind,
      Map<String, Object> settings,
      PipelineSpec pipeline,
      String setBy,
      String authorization,
      String ifMatch) {
    Map<String, Object> requested = settings == null ? Map.of() : settings;
    checkSize(requested);
    TestSpec checked =
        checks.check(
            authorization,
            runner == null ? config.defaultRunner() : runner,
            kind == null ? TestSpec.DEFAULT_KIND : kind,
            requested);
    checkSize(checked.settings());
    TestConfigView view;
    try {
      view =
          QuarkusTransaction.requiringNew()
              .call(() -> store(experiment, checked, pipeline, setBy, ifMatch));
    } catch (PersistenceException e) {
      // a concurrent first PUT of the same experiment's configuration landed first
      throw ProblemException.conflict(
          "the test configuration of '" + experiment + "' changed meanwhile; send it again",
          Map.of());
    }
    LOG.infof(
        "test configuration of %s set by %s: runner %s, kind %s",
        experiment, setBy, checked.runner(), checked.kind());
    return view;
  }

  private TestConfigView store(
      String experiment, TestSpec spec, PipelineSpec pipeline, String setBy, String ifMatch) {
    Optional<TestConfig> current = TestConfig.ofForUpdate(experiment);
    precondition(current, ifMatch);
    TestConfig row = current.orElseGet(TestConfig::new);
    row.experiment = experiment;
    row.runner = spec.runner();
    row.kind = spec.kind();
    row.settingsJson = SettingsJson.write(spec.settings());
    row.pipelineJson = pipeline == null ? null : PipelineJson.toJson(pipeline);
    row.setBy = setBy;
    row.setAt = StoredTime.of(clock.instant());
    if (current.isEmpty()) {
      row.persist();
    }
    row.flush();
    return TestConfigView.of(row);
  }

  /** The pipeline a test run of {@code experiment} runs, if its stored configuration has one. */
  public Optional<PipelineSpec> pipeline(String experiment) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                TestConfig.of(experiment)
                    .filter(c -> c.pipelineJson != null)
                    .map(c -> new PipelineParser().parse(c.pipelineJson)));
  }

  /**
   * Removes the stored configuration: the experiment is tested with the defaults again.
   *
   * @return whether one was stored
   */
  public boolean delete(String experiment, String by, String ifMatch) {
    boolean deleted =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Optional<TestConfig> current = TestConfig.ofForUpdate(experiment);
                  precondition(current, ifMatch);
                  current.ifPresent(TestConfig::delete);
                  return current.isPresent();
                });
    if (deleted) {
      LOG.infof("test configuration of %s removed by %s", experiment, by);
    }
    return deleted;
  }

  /** RFC 9110 {@code If-Match}: {@code *} or the stored version's ETag, else 412. */
  private static void precondition(Optional<TestConfig> current, String ifMatch) {
    if (ifMatch == null) {
      return;
    }
    Optional<String> etag = current.map(c -> TestConfigView.of(c).etag());
    boolean matches =
        etag.isPresent()
            && (ifMatch.trim().equals("*")
                || java.util.Arrays.stream(ifMatch.split(","))
                    .map(String::trim)
                    .anyMatch(etag.get()::equals));
    if (!matches) {
      throw new ProblemException(
          412,
          "Precondition Failed",
          etag.map(e -> "the test configuration is at version " + e + " now")
              .orElse("no test configuration is stored"),
          etag.map(e -> Map.<String, Object>of("etag", e)).orElse(null));
    }
  }

  /**
   * What a triggered run is requested with, checked by its runner through the gateway: runner = the
   * request's ?? the stored configuration's ?? the default runner; kind likewise ?? {@code test};
   * settings = the stored ones (when the run keeps the stored runner) with the request's merged
   * over them, shallowly: a top-level key of the request replaces the stored value, a {@code null}
   * removes it. When the gateway cannot be asked, the run is taken with its settings unchecked: the
   * gateway checks them when it hands the run over.
   */
  public TestSpec forRequest(
      String experiment,
      String runner,
      String kind,
      Map<String, Object> overrides,
      String authorization) {
    Optional<TestConfigView> stored = stored(experiment);
    String chosenRunner =
        runner != null ? runner : stored.map(TestConfigView::runner).orElse(config.defaultRunner());
    String chosenKind =
        kind != null ? kind : stored.map(TestConfigView::kind).orElse(TestSpec.DEFAULT_KIND);
    Map<String, Object> settings =
        merge(
            stored
                .filter(s -> s.runner().equals(chosenRunner))
                .map(TestConfigView::settings)
                .orElse(Map.of()),
            overrides);
    checkSize(settings);
    try {
      return checks.check(authorization, chosenRunner, chosenKind, settings);
    } catch (RunnerGateway.GatewayUnavailable e) {
      // a run is never refused for want of the gateway: it waits on the broker until the gateway
      // is back, which checks the settings when it hands the run over (an invalid one ends then)
      LOG.warnf(
          "run of %s taken with settings unchecked: %s; the gateway checks them at hand-over",
          experiment, e.getMessage());
      return new TestSpec(chosenRunner, chosenKind, settings);
    }
  }

  /**
   * What a scheduled run is requested with: the stored configuration as its runner checked it when
   * it was stored (a scheduled run has no caller whose token could ask the gateway; the gateway
   * checks the settings again when it hands the run over), or the defaults. Joins the caller's
   * transaction.
   */
  public TestSpec forSchedule(String experiment) {
    return TestConfig.of(experiment)
        .map(c -> new TestSpec(c.runner, c.kind, c.settings()))
        .orElseGet(() -> new TestSpec(config.defaultRunner(), TestSpec.DEFAULT_KIND, Map.of()));
  }

  /**
   * The pipeline a scheduled run of {@code experiment} runs, if its stored configuration has one:
   * as it was checked when it was stored (no caller's token could ask the gateway again). Joins the
   * caller's transaction.
   */
  public Optional<PipelineSpec> pipelineForSchedule(String experiment) {
    return TestConfig.of(experiment)
        .filter(c -> c.pipelineJson != null)
        .map(c -> new PipelineParser().parse(c.pipelineJson));
  }

  /** {@code overrides} over {@code base}, one level deep; a null override removes the key. */
  static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
    Map<String, Object> merged = new LinkedHashMap<>(base);
    if (overrides != null) {
      overrides.forEach(
          (key, value) -> {
            if (value == null) {
              merged.remove(key);
            } else {
              merged.put(key, value);
            }
          });
    }
    return merged;
  }

  private static void checkSize(Map<String, Object> settings) {
    int bytes = SettingsJson.write(settings).getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_SETTINGS_BYTES) {
      throw new ProblemException(
          400,
          "Bad Request",
          "settings are " + bytes + " bytes of JSON; at most " + MAX_SETTINGS_BYTES + " are taken",
          Map.of("field", "settings"));
    }
  }
}
