package dev.gort.common.causality;

import java.util.Objects;

/**
 * An interval tree clock stamp, exactly as in Almeida, Baquero and Fonte, "Interval Tree Clocks: A
 * Logical Clock for Dynamic Systems" (OPODIS 2008): an {@link IdTree} (the part of the interval its
 * holder owns) and an {@link EventTree} (the events it has seen). Immutable; every operation
 * returns normal trees.
 *
 * <p>Messages carry anonymous stamps ({@link #peek()}): the sender registers an {@link #event()}
 * and sends its peek; the receiver {@link #join}s what it receives.
 *
 * <p>The text form ({@link #encode()}) is the paper's notation, {@code (id,events)}: the seed is
 * {@code (1,0)}, and {@code (0,(1,0,2))} is an anonymous stamp that saw one event in the left half
 * of the interval and three in the right. It has no spaces and only {@code ( ) ,} and digits, so it
 * goes into a header, a CloudEvents attribute or a URL as it is.
 */
public final class Stamp {

  /** The longest text {@link #decode} accepts: a stamp comes off the wire. */
  public static final int MAX_ENCODED_LENGTH = 4096;

  /** Two stamps of one {@link #fork()}: disjoint ids, the same events. */
  public record Fork(Stamp left, Stamp right) {}

  private static final Stamp SEED = new Stamp(IdTree.ONE, EventTree.ZERO);

  private final IdTree id;
  private final EventTree events;

  Stamp(IdTree id, EventTree events) {
    this.id = Objects.requireNonNull(id);
    this.events = Objects.requireNonNull(events);
  }

  /** The stamp the first participant starts from: owns the whole interval, has seen nothing. */
  public static Stamp seed() {
    return SEED;
  }

  /**
   * The stamp {@code text} encodes.
   *
   * @throws MalformedStampException (an {@link IllegalArgumentException}) with the position of the
   *     first offending character when {@code text} is not the one normal encoding of a stamp,
   *     longer than {@link #MAX_ENCODED_LENGTH} or has a counter over {@link EventTree#MAX_VALUE}
   */
  public static Stamp decode(String text) {
    return StampCodec.decode(text);
  }

  public IdTree id() {
    return id;
  }

  public EventTree events() {
    return events;
  }

  /** Whether this stamp owns nothing, so can carry causal history but not register events. */
  public boolean isAnonymous() {
    return id.isZero();
  }

  /** Two stamps with the same events and disjoint ids whose {@link #join} is this stamp again. */
  public Fork fork() {
    return new Fork(new Stamp(id.leftHalf(), events), new Stamp(id.rightHalf(), events));
  }

  /** An anonymous copy: this stamp's events, no id. The stamp to put on a message. */
  public Stamp peek() {
    return id.isZero() ? this : new Stamp(IdTree.ZERO, events);
  }

  /**
   * The union of both ids with everything either has seen.
   *
   * @throws IllegalArgumentException when the ids overlap: only disjoint stamps (or anonymous ones)
   *     join
   */
  public Stamp join(Stamp other) {
    return new Stamp(id.sum(other.id), events.join(other.events));
  }

  /**
   * This stamp after one more event of its own: strictly after it, and after nothing else it had
   * not already seen (fill, else grow).
   *
   * @throws IllegalStateException for an anonymous stamp, or past {@link EventTree#MAX_VALUE}
   */
  public Stamp event() {
    if (isAnonymous()) {
      throw new IllegalStateException("an anonymous stamp cannot register an event");
    }
    EventTree filled = events.fill(id);
    EventTree next = filled.equals(events) ? events.grow(id) : filled;
    if (next.max() > EventTree.MAX_VALUE) {
      throw new IllegalStateException("the stamp's counters reached " + EventTree.MAX_VALUE);
    }
    return new Stamp(id, next);
  }

  /** Whether everything this stamp has seen, {@code other} has seen too (ids do not count). */
  public boolean leq(Stamp other) {
    return events.leq(other.events);
  }

  public Causality compare(Stamp other) {
    boolean leq = leq(other);
    boolean geq = other.leq(this);
    if (leq && geq) {
      return Causality.EQUAL;
    }
    if (leq) {
      return Causality.BEFORE;
    }
    return geq ? Causality.AFTER : Causality.CONCURRENT;
  }

  public boolean happenedBefore(Stamp other) {
    return compare(other) == Causality.BEFORE;
  }

  public boolean concurrentWith(Stamp other) {
    return compare(other) == Causality.CONCURRENT;
  }

  /** The paper's notation {@code (id,events)}, which {@link #decode} reads back. */
  public String encode() {
    StringBuilder out = new StringBuilder().append('(');
    id.appendTo(out);
    out.append(',');
    events.appendTo(out);
    return out.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Stamp other && id.equals(other.id) && events.equals(other.events);
  }

  @Override
  public int hashCode() {
    return 31 * id.hashCode() + events.hashCode();
  }

  @Override
  public String toString() {
    return encode();
  }
}
