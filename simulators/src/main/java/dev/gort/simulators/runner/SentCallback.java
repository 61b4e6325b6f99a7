package dev.gort.simulators.runner;

/**
 * A callback as it went over the wire: exact body bytes and signature header (null if unsigned).
 */
record SentCallback(byte[] body, String signature) {}
