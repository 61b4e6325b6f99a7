package dev.gort.common.statemachine;

import java.time.Instant;

/** One entry of a state history: the state entered, when, and why. */
public record StateChange(String state, Instant at, String reason) {}
