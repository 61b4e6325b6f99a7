package dev.gort.simulators.experiments;

/** Body of {@code POST /sim/experiments}; everything but the slug is optional. */
public record ExperimentUpsert(
    String slug, String owner, String ownerEmail, String revision, Boolean ready, String name) {}
