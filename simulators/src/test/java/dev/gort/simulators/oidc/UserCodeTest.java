package dev.gort.simulators.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class UserCodeTest {

  @Test
  void generatedCodesAreEightConsonantsShownAsTwoGroupsOfFour() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 200; i++) {
      assertThat(UserCode.generate(random))
          .matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
    }
  }

  @Test
  void typedCodesIgnoreCaseDashesAndSpaces() {
    assertThat(UserCode.normalize("wdjb-mjht")).contains("WDJBMJHT");
    assertThat(UserCode.normalize(" WDJB MJHT ")).contains("WDJBMJHT");
    assertThat(UserCode.normalize("WDJBMJHT")).contains("WDJBMJHT");
  }

  @Test
  void anythingElseIsNoUserCode() {
    assertThat(UserCode.normalize(null)).isEmpty();
    assertThat(UserCode.normalize("WDJB-MJH")).isEmpty();
    assertThat(UserCode.normalize("WDJB-MJHTX")).isEmpty();
    assertThat(UserCode.normalize("WDJB-MJH0")).isEmpty();
    assertThat(UserCode.normalize("AEIO-UWDJ")).isEmpty();
    assertThat(UserCode.normalize("<scr-ipt>")).isEmpty();
  }
}
