package dev.gort.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.web.ProblemException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

  private final Caller alice = new Caller("alice", Set.of(GortRoles.OWNER));
  private final Caller ops = new Caller("ops", Set.of(GortRoles.OPERATOR));
  private final Caller admin = new Caller("admin", Set.of(GortRoles.ADMIN));
  private final Caller nobody = new Caller("mallory", Set.of("viewer"));

  @Test
  void anOwnerActsOnItsOwnThingsOnly() {
    assertThat(alice.mayActFor("alice")).isTrue();
    assertThat(alice.mayActFor("bob")).isFalse();
    assertThat(alice.mayActFor(null)).isFalse();
    assertThat(alice.ownerScope()).contains("alice");
  }

  @Test
  void operatorsAndAdminsActOnEverything() {
    assertThat(ops.mayActFor("bob")).isTrue();
    assertThat(admin.mayActFor("bob")).isTrue();
    assertThat(ops.ownerScope()).isEmpty();
    assertThat(admin.isOperator()).isTrue();
  }

  @Test
  void aCallerWithoutAGortRoleReachesNothing() {
    assertThat(nobody.mayActFor("mallory")).isFalse();
    assertThat(nobody.ownerScope()).contains("mallory");
  }

  @Test
  void onlyAdminsPassTheAdminCheck() {
    admin.requireAdmin();
    assertThatThrownBy(ops::requireAdmin)
        .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(403));
    ops.requireOperator();
    assertThatThrownBy(alice::requireOperator).isInstanceOf(ProblemException.class);
  }
}
