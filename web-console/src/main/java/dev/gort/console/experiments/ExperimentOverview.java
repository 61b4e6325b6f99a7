package dev.gort.console.experiments;

import dev.gort.console.experiments.FlakyTests.FlakyTest;
import dev.gort.console.experiments.OutcomeTrend.Point;
import dev.gort.console.experiments.RevisionGroups.RevisionGroup;
import java.util.List;

/**
 * What the experiment page shows beyond its test configuration: its runs by revision, the trend of
 * its outcomes and its flaky tests, each with the message of a service that could not answer.
 */
public record ExperimentOverview(
    String slug,
    String owner,
    List<RevisionGroup> revisions,
    String runsError,
    List<Point> trend,
    long trendPassed,
    List<FlakyTest> flaky,
    int reportsRead,
    String flakyError) {}
