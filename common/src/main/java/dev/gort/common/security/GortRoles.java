package dev.gort.common.security;

/**
 * The roles a Gort caller may hold (architecture, "Every API requires an OIDC bearer token"), read
 * from the token's role claims ({@code quarkus.oidc.roles.role-claim-path}).
 */
public final class GortRoles {

  /** Acts on the experiments whose owner is the caller; other owners' things answer 404. */
  public static final String OWNER = "owner";

  /** Reads everything, and may trigger and cancel any run. */
  public static final String OPERATOR = "operator";

  /** An operator who also reaches the administrative endpoints (dead letters). */
  public static final String ADMIN = "admin";

  private GortRoles() {}
}
