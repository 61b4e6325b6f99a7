package dev.gort.common.security;

import dev.gort.common.web.ProblemException;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the verified token says: the owner name (the principal claim, by default
 * {@code preferred_username}, matched against the experiment source's {@code owner}) and the Gort
 * roles. The one access policy of every service: an owner reaches only what it owns, an operator
 * everything, an admin everything and the administrative endpoints too.
 */
public record Caller(String name, Set<String> roles) {

  public Caller {
    roles = Set.copyOf(roles);
  }

  public boolean isAdmin() {
    return roles.contains(GortRoles.ADMIN);
  }

  public boolean isOperator() {
    return isAdmin() || roles.contains(GortRoles.OPERATOR);
  }

  public boolean isOwner() {
    return roles.contains(GortRoles.OWNER);
  }

  /** Whether the caller may read and act on a thing whose owner is {@code owner}. */
  public boolean mayActFor(String owner) {
    return isOperator() || (isOwner() && name.equals(owner));
  }

  /**
   * The owner whose things a list shows this caller; empty for an operator, who sees everything. A
   * caller with no Gort role sees nothing: the HTTP layer already refuses it.
   */
  public Optional<String> ownerScope() {
    return isOperator() ? Optional.empty() : Optional.of(name);
  }

  /**
   * @throws ProblemException 403 unless the caller is an operator (or admin)
   */
  public void requireOperator() {
    if (!isOperator()) {
      throw ProblemException.forbidden("only an operator may do this");
    }
  }

  /**
   * @throws ProblemException 403 unless the caller is an admin
   */
  public void requireAdmin() {
    if (!isAdmin()) {
      throw ProblemException.forbidden("only an admin may do this");
    }
  }
}
