package dev.gort.scheduler.experiment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** An experiment as the experiment source (Experimenter API) describes it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceExperiment(
    String slug,
    String name,
    String owner,
    String ownerEmail,
    String revision,
    boolean readyForTest,
    Instant lastModified) {}
