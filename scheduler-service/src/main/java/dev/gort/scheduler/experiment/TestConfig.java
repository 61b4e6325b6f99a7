package dev.gort.scheduler.experiment;

import dev.gort.common.json.SettingsJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.hibernate.annotations.ColumnTransformer;

/**
 * How an experiment is tested: its runner, the kind of job and the runner settings as the runner
 * checked them when they were set, with who set them and when.
 */
@Entity
@Table(name = "test_config")
public class TestConfig extends PanacheEntityBase {

  @Id public String experiment;

  @Column(nullable = false)
  public String runner;

  @Column(nullable = false)
  public String kind;

  /** A JSON object (see {@link #settings()}). */
  @Column(name = "settings", nullable = false)
  @ColumnTransformer(write = "cast(? as jsonb)")
  public String settingsJson = "{}";

  /**
   * The pipeline a test run of the experiment runs, in its file's shape ({@code PipelineJson}, as
   * validated when it was set); null for a single job on {@link #runner}.
   */
  @Column(name = "pipeline")
  @ColumnTransformer(write = "cast(? as json)")
  public String pipelineJson;

  @Column(name = "set_by", nullable = false)
  public String setBy;

  @Column(name = "set_at", nullable = false)
  public Instant setAt;

  /** Counts the changes; the API's {@code ETag}. */
  @Version public long version;

  public Map<String, Object> settings() {
    return SettingsJson.read(settingsJson);
  }

  public static Optional<TestConfig> of(String experiment) {
    return findByIdOptional(experiment);
  }

  public static Optional<TestConfig> ofForUpdate(String experiment) {
    return findByIdOptional(experiment, LockModeType.PESSIMISTIC_WRITE);
  }
}
