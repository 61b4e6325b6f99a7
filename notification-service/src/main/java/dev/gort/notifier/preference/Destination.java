package dev.gort.notifier.preference;

/** Where one notification goes: a channel and an email address or URL. */
public record Destination(String channel, String address) {}
