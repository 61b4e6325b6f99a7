package dev.gort.notifier.preference;

/**
 * One channel an owner chose: its type ({@code email}, {@code chat}, {@code webhook}) and where it
 * goes (an address or a URL). An email channel without an address goes to the experiment owner's
 * address that each finished run carries.
 */
public record ChannelChoice(String type, String destination) {}
