package dev.gort.common.causality;

import java.util.Objects;

/**
 * The id component of a {@link Stamp} (ITC paper): {@code i ::= 0 | 1 | (i1, i2)}, a function from
 * the unit interval to {0, 1} that says which part of the interval a participant owns. Always
 * normal: {@code (0,0)} is written {@code 0} and {@code (1,1)} is written {@code 1}, so two ids are
 * the same function exactly when they are equal.
 */
public final class IdTree {

  /** The anonymous id: owns nothing, cannot register events. */
  public static final IdTree ZERO = new IdTree(false, null, null);

  /** The whole interval: the seed's id. */
  public static final IdTree ONE = new IdTree(true, null, null);

  private final boolean one;
  private final IdTree left;
  private final IdTree right;

  private IdTree(boolean one, IdTree left, IdTree right) {
    this.one = one;
    this.left = left;
    this.right = right;
  }

  /** The normal form of {@code (left, right)}. */
  static IdTree of(IdTree left, IdTree right) {
    if (left.isZero() && right.isZero()) {
      return ZERO;
    }
    if (left.isOne() && right.isOne()) {
      return ONE;
    }
    return new IdTree(false, left, right);
  }

  /** {@code (left, right)}, which must already be normal. */
  static IdTree node(IdTree left, IdTree right) {
    Objects.requireNonNull(left);
    Objects.requireNonNull(right);
    if (left.isLeaf() && right.isLeaf() && left.one == right.one) {
      throw new IllegalArgumentException(
          "(" + left + "," + right + ") is not normal, write " + left);
    }
    return new IdTree(false, left, right);
  }

  public boolean isLeaf() {
    return left == null;
  }

  public boolean isZero() {
    return isLeaf() && !one;
  }

  public boolean isOne() {
    return isLeaf() && one;
  }

  /** The left subtree of a node. */
  IdTree left() {
    return left;
  }

  /** The right subtree of a node. */
  IdTree right() {
    return right;
  }

  /** The first id of the paper's {@code split}: the part a fork keeps on the left. */
  IdTree leftHalf() {
    if (isZero()) {
      return ZERO;
    }
    if (isOne()) {
      return of(ONE, ZERO);
    }
    if (left.isZero()) {
      return of(ZERO, right.leftHalf());
    }
    if (right.isZero()) {
      return of(left.leftHalf(), ZERO);
    }
    return of(left, ZERO);
  }

  /** The second id of the paper's {@code split}: disjoint from {@link #leftHalf()}. */
  IdTree rightHalf() {
    if (isZero()) {
      return ZERO;
    }
    if (isOne()) {
      return of(ZERO, ONE);
    }
    if (left.isZero()) {
      return of(ZERO, right.rightHalf());
    }
    if (right.isZero()) {
      return of(left.rightHalf(), ZERO);
    }
    return of(ZERO, right);
  }

  /**
   * The paper's {@code sum}: the union of two disjoint ids.
   *
   * @throws IllegalArgumentException if the ids overlap (two stamps that own the same part of the
   *     interval: joining them would let two participants register the same events)
   */
  IdTree sum(IdTree other) {
    if (isZero()) {
      return other;
    }
    if (other.isZero()) {
      return this;
    }
    if (isLeaf() || other.isLeaf()) {
      throw new IllegalArgumentException("ids " + this + " and " + other + " overlap");
    }
    return of(left.sum(other.left), right.sum(other.right));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdTree other
        && one == other.one
        && Objects.equals(left, other.left)
        && Objects.equals(right, other.right);
  }

  @Override
  public int hashCode() {
    return isLeaf() ? (one ? 1 : 0) : 31 * left.hashCode() + right.hashCode() + 2;
  }

  /** The paper's notation: {@code 0}, {@code 1} or {@code (i1,i2)}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    appendTo(out);
    return out.toString();
  }

  void appendTo(StringBuilder out) {
    if (isLeaf()) {
      out.append(one ? '1' : '0');
    } else {
      out.append('(');
      left.appendTo(out);
      out.append(',');
      right.appendTo(out);
      out.append(')');
    }
  }
}
