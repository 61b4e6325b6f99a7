package dev.gort.console.runners;

import java.util.List;

/** A runner of the gateway: its kinds of job, whether it takes runs here, and why not. */
public record Runner(
    String code, List<String> kinds, boolean configured, String unconfiguredReason) {}
