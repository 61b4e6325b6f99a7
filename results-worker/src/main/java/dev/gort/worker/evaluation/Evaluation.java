package dev.gort.worker.evaluation;

import dev.gort.common.event.Outcome;
import java.util.List;

/** The verdict on one run's results. */
public record Evaluation(Outcome outcome, String summary, List<TestResult> tests) {}
