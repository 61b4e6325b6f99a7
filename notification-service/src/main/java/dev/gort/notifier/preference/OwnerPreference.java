package dev.gort.notifier.preference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** An owner's stored preferences ({@link OwnerPreferences} reads and writes them). */
@Entity
@Table(name = "owner_preference")
public class OwnerPreference extends PanacheEntityBase {

  @Id public String owner;

  /** A JSON list of {@code {"type", "address" | "url"}}, as the API writes channels. */
  @Column(name = "channels", nullable = false)
  @ColumnTransformer(write = "cast(? as jsonb)")
  public String channelsJson;

  /** A JSON list of outcome names. */
  @Column(name = "outcomes", nullable = false)
  @ColumnTransformer(write = "cast(? as jsonb)")
  public String outcomesJson;

  @Column(name = "set_by", nullable = false)
  public String setBy;

  @Column(name = "set_at", nullable = false)
  public Instant setAt;

  @Version public long version;
}
