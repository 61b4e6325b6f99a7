package dev.gort.simulators.web;

import java.util.List;

/** Gort's list shape, {@code {"value": [...]}}; the simulators never page. */
public record ValueList<T>(List<T> value) {}
