package dev.gort.simulators.experiments;

import dev.gort.common.signature.Sha256;
import dev.gort.common.web.ProblemException;
import dev.gort.simulators.web.Rfc3339;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The experiments the simulated experiment source holds, and how it is currently behaving. */
@Singleton
public class ExperimentCatalog {

  static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
  static final String DEFAULT_OWNER = "owner";
  static final String DEFAULT_OWNER_EMAIL = "owner@example.com";

  private final Clock clock;
  private final Map<String, Experiment> bySlug = new TreeMap<>();
  private volatile SourceMode mode = SourceMode.OK;

  @Inject
  public ExperimentCatalog(Clock clock) {
    this.clock = clock;
  }

  /**
   * Stores the experiment; {@code lastModified} moves only when something the source serves
   * changed, so re-posting the same experiment is not a modification.
   */
  public synchronized Experiment upsert(ExperimentUpsert request) {
    String slug = request.slug();
    if (slug == null) {
      throw ProblemException.badRequest("slug is required");
    }
    if (!SLUG.matcher(slug).matches()) {
      throw ProblemException.badRequest(
          "slug '" + slug + "' is invalid: it must match " + SLUG.pattern());
    }
    String owner = orDefault(request.owner(), DEFAULT_OWNER);
    String ownerEmail = orDefault(request.ownerEmail(), DEFAULT_OWNER_EMAIL);
    String name = orDefault(request.name(), slug);
    boolean ready = Boolean.TRUE.equals(request.ready());
    String revision =
        orDefault(request.revision(), revisionOf(slug, owner, ownerEmail, name, ready));
    Experiment previous = bySlug.get(slug);
    Experiment candidate =
        new Experiment(
            slug, name, owner, ownerEmail, revision, ready, Rfc3339.format(clock.instant()));
    if (candidate.sameContentAs(previous)) {
      return previous;
    }
    bySlug.put(slug, candidate);
    return candidate;
  }

  public synchronized List<Experiment> all() {
    return new ArrayList<>(bySlug.values());
  }

  public synchronized Optional<Experiment> find(String slug) {
    return Optional.ofNullable(bySlug.get(slug));
  }

  public synchronized void delete(String slug) {
    bySlug.remove(slug);
  }

  public SourceMode mode() {
    return mode;
  }

  public void mode(SourceMode mode) {
    this.mode = mode;
  }

  /**
   * A revision derived from everything the simulator stores, so any change made without an explicit
   * revision is a new revision. Fields are separated so that moving characters from one field to
   * the next changes the hash too.
   */
  static String revisionOf(
      String slug, String owner, String ownerEmail, String name, boolean ready) {
    String joined = String.join("\n", slug, owner, ownerEmail, name, Boolean.toString(ready));
    return Sha256.hex(joined).substring(0, 12);
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
