package dev.gort.common.causality;

import java.util.Objects;

/**
 * The event component of a {@link Stamp} (ITC paper): {@code e ::= n | (n, e1, e2)}, a function
 * from the unit interval to counters; a node's {@code n} is added to both of its halves. Always
 * normal (the paper's norm): of a node's two subtrees one has minimum 0, and the two are not equal
 * leaves. So a node's minimum is its own {@code n}, and two trees are the same function exactly
 * when they are equal.
 */
public final class EventTree {

  /**
   * The largest counter anywhere in a tree (2^53 - 1, exact in every JSON number): far beyond any
   * real run, and small enough that no sum of counters along a decoded tree overflows.
   */
  public static final long MAX_VALUE = (1L << 53) - 1;

  static final EventTree ZERO = new EventTree(0, null, null);

  // the paper's grow prefers any number of steps down the tree to one expansion
  private static final long EXPANSION_COST = 1L << 32;

  private final long n;
  private final EventTree left;
  private final EventTree right;
  private final long max;

  private EventTree(long n, EventTree left, EventTree right) {
    this.n = n;
    this.left = left;
    this.right = right;
    this.max = left == null ? n : n + Math.max(left.max, right.max);
  }

  static EventTree leaf(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("a counter cannot be negative: " + n);
    }
    return n == 0 ? ZERO : new EventTree(n, null, null);
  }

  /** {@code (n, left, right)}, which must already be normal. */
  static EventTree node(long n, EventTree left, EventTree right) {
    Objects.requireNonNull(left);
    Objects.requireNonNull(right);
    if (n < 0) {
      throw new IllegalArgumentException("a counter cannot be negative: " + n);
    }
    if (left.isLeaf() && right.isLeaf() && left.n == right.n) {
      throw new IllegalArgumentException(
          "(" + n + "," + left + "," + right + ") is not normal, write " + (n + left.n));
    }
    if (left.n != 0 && right.n != 0) {
      throw new IllegalArgumentException(
          "("
              + n
              + ","
              + left
              + ","
              + right
              + ") is not normal: one half must have minimum 0, lift "
              + Math.min(left.n, right.n)
              + " into the node");
    }
    return new EventTree(n, left, right);
  }

  /** The paper's {@code norm} of {@code (n, left, right)}, where both subtrees are normal. */
  static EventTree normal(long n, EventTree left, EventTree right) {
    if (left.isLeaf() && right.isLeaf() && left.n == right.n) {
      return leaf(n + left.n);
    }
    long m = Math.min(left.n, right.n);
    return new EventTree(n + m, left.sink(m), right.sink(m));
  }

  public boolean isLeaf() {
    return left == null;
  }

  /** The left subtree of a node. */
  EventTree left() {
    return left;
  }

  /** The right subtree of a node. */
  EventTree right() {
    return right;
  }

  /** The smallest counter in the tree; in normal form, the root's own. */
  public long min() {
    return n;
  }

  /** The largest counter in the tree. */
  public long max() {
    return max;
  }

  private EventTree lift(long m) {
    return m == 0 ? this : isLeaf() ? leaf(n + m) : new EventTree(n + m, left, right);
  }

  private EventTree sink(long m) {
    return m == 0 ? this : isLeaf() ? leaf(n - m) : new EventTree(n - m, left, right);
  }

  /** {@code (n, 0, 0)}: a leaf written as a node, only ever an intermediate step. */
  private EventTree expanded() {
    return new EventTree(n, ZERO, ZERO);
  }

  /** The paper's {@code leq}: whether every counter of this tree is at most the other's. */
  boolean leq(EventTree other) {
    return leq(this, 0, other, 0);
  }

  // a lifted by da <= b lifted by db, without building the lifted trees
  private static boolean leq(EventTree a, long da, EventTree b, long db) {
    if (a.n + da > b.n + db) {
      return false;
    }
    if (a.isLeaf()) {
      return true;
    }
    long la = da + a.n;
    if (b.isLeaf()) {
      return leq(a.left, la, b, db) && leq(a.right, la, b, db);
    }
    long lb = db + b.n;
    return leq(a.left, la, b.left, lb) && leq(a.right, la, b.right, lb);
  }

  /** The paper's {@code join}: the least tree at least both (the pointwise maximum). */
  EventTree join(EventTree other) {
    if (isLeaf() && other.isLeaf()) {
      return n >= other.n ? this : other;
    }
    if (isLeaf()) {
      return expanded().join(other);
    }
    if (other.isLeaf()) {
      return join(other.expanded());
    }
    if (n > other.n) {
      return other.join(this);
    }
    long d = other.n - n;
    return normal(n, left.join(other.left.lift(d)), right.join(other.right.lift(d)));
  }

  /**
   * The paper's {@code fill}: raises the counters {@code id} owns as far as the tree allows without
   * inventing an event, so that a subtree can collapse.
   */
  EventTree fill(IdTree id) {
    if (id.isZero()) {
      return this;
    }
    if (id.isOne()) {
      return leaf(max);
    }
    if (isLeaf()) {
      return this;
    }
    if (id.left().isOne()) {
      EventTree filledRight = right.fill(id.right());
      return normal(n, leaf(Math.max(left.max, filledRight.min())), filledRight);
    }
    if (id.right().isOne()) {
      EventTree filledLeft = left.fill(id.left());
      return normal(n, filledLeft, leaf(Math.max(right.max, filledLeft.min())));
    }
    return normal(n, left.fill(id.left()), right.fill(id.right()));
  }

  /**
   * The paper's {@code grow}: adds one event inside {@code id}, choosing the place that expands the
   * tree least (then the shallowest). Only called when {@link #fill} changed nothing.
   */
  EventTree grow(IdTree id) {
    return grown(id).tree;
  }

  private record Grown(EventTree tree, long cost) {}

  private Grown grown(IdTree id) {
    if (isLeaf()) {
      if (id.isOne()) {
        return new Grown(leaf(n + 1), 0);
      }
      Grown g = expanded().grown(id);
      return new Grown(g.tree, g.cost + EXPANSION_COST);
    }
    if (id.isLeaf()) {
      // 0 owns nothing, and fill already collapsed every node that 1 owns
      throw new IllegalStateException("cannot grow " + this + " inside id " + id);
    }
    if (id.left().isZero()) {
      Grown r = right.grown(id.right());
      return new Grown(node(n, left, r.tree), r.cost + 1);
    }
    if (id.right().isZero()) {
      Grown l = left.grown(id.left());
      return new Grown(node(n, l.tree, right), l.cost + 1);
    }
    Grown l = left.grown(id.left());
    Grown r = right.grown(id.right());
    return l.cost < r.cost
        ? new Grown(node(n, l.tree, right), l.cost + 1)
        : new Grown(node(n, left, r.tree), r.cost + 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventTree other
        && n == other.n
        && Objects.equals(left, other.left)
        && Objects.equals(right, other.right);
  }

  @Override
  public int hashCode() {
    return isLeaf() ? Long.hashCode(n) : Objects.hash(n, left, right);
  }

  /** The paper's notation: {@code n} or {@code (n,e1,e2)}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    appendTo(out);
    return out.toString();
  }

  void appendTo(StringBuilder out) {
    if (isLeaf()) {
      out.append(n);
    } else {
      out.append('(').append(n).append(',');
      left.appendTo(out);
      out.append(',');
      right.appendTo(out);
      out.append(')');
    }
  }
}
