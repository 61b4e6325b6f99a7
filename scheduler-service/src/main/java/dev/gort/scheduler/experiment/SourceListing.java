package dev.gort.scheduler.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The experiment source's list, read defensively. A body that is not a JSON array is garbage and
 * fails the poll; a single unusable entry (no slug, no revision, wrong types, a repeated slug) is
 * skipped and named in {@link #skipped()}, so that one broken experiment does not stop every other
 * one from being tested. A non-empty list of which no entry is usable is garbage too.
 *
 * @param entries how many entries the source sent
 */
public record SourceListing(List<SourceExperiment> experiments, List<String> skipped, int entries) {

  static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
  static final Pattern REVISION = Pattern.compile("[\\x21-\\x7e]{1,200}");

  public SourceListing {
    experiments = List.copyOf(experiments);
    skipped = List.copyOf(skipped);
  }

  /**
   * @throws ExperimentSource.SourceGarbage when the body is not a list of experiments at all
   */
  public static SourceListing read(String body, ObjectMapper json) {
    if (body == null || body.isBlank()) {
      throw new ExperimentSource.SourceGarbage("the experiment source answered an empty body");
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ExperimentSource.SourceGarbage(
          "the experiment source answered malformed JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isArray()) {
      throw new ExperimentSource.SourceGarbage(
          "the experiment source answered "
              + (root == null ? "nothing" : root.getNodeType().name().toLowerCase())
              + " JSON where a list of experiments was expected");
    }
    List<SourceExperiment> usable = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Set<String> slugs = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode entry = root.get(i);
      String problem = problemOf(entry, slugs);
      if (problem != null) {
        skipped.add("entry " + i + " " + problem);
        continue;
      }
      try {
        SourceExperiment experiment = json.treeToValue(entry, SourceExperiment.class);
        slugs.add(experiment.slug());
        usable.add(experiment);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        skipped.add(
            "entry "
                + i
                + " ('"
                + entry.path("slug").asText()
                + "') is malformed: "
                + firstLine(e));
      }
    }
    if (usable.isEmpty() && !skipped.isEmpty()) {
      throw new ExperimentSource.SourceGarbage(
          "none of the "
              + root.size()
              + " entries the experiment source listed is usable: "
              + String.join("; ", skipped));
    }
    return new SourceListing(usable, skipped, root.size());
  }

  private static String problemOf(JsonNode entry, Set<String> slugs) {
    if (!entry.isObject()) {
      return "is not an experiment object";
    }
    JsonNode slug = entry.get("slug");
    if (slug == null || slug.isNull() || !slug.isTextual() || slug.asText().isBlank()) {
      return "has no slug";
    }
    if (!SLUG.matcher(slug.asText()).matches()) {
      return "has an invalid slug '" + abbreviate(slug.asText()) + "'";
    }
    if (slugs.contains(slug.asText())) {
      return "repeats slug '" + slug.asText() + "'";
    }
    JsonNode revision = entry.get("revision");
    if (revision == null || revision.isNull() || !revision.isTextual()) {
      return "('" + slug.asText() + "') has no revision";
    }
    if (!REVISION.matcher(revision.asText()).matches()) {
      return "('" + slug.asText() + "') has an invalid revision";
    }
    return null;
  }

  private static String firstLine(Exception e) {
    String message =
        e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
