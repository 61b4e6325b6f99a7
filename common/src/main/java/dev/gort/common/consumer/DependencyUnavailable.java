package dev.gort.common.consumer;

/**
 * Implemented by a domain exception that means "something this depends on cannot serve right now;
 * the same event will succeed later" (a row busy in another transaction, a service down), so that
 * its consumer waits instead of dead-lettering the event.
 */
public interface DependencyUnavailable {}
