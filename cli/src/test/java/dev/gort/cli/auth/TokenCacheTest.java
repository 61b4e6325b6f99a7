package dev.gort.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCacheTest {

  @TempDir Path temp;

  private static StoredToken token(String access) {
    return new StoredToken(
        "http://127.0.0.1:8090/realms/gort",
        "gort-cli",
        "alice",
        access,
        Instant.parse("2026-12-03T13:00:00Z"),
        null,
        null);
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void theTokenFileIsTheOwnersOnlyAndSoIsANewHome() throws Exception {
    Path home = temp.resolve("nested/.gort");
    TokenCache cache = new TokenCache(home);

    cache.save(token("secret-access-token"));

    assertThat(mode(cache.file())).isEqualTo("rw-------");
    assertThat(mode(home)).isEqualTo("rwx------");
    assertThat(cache.load()).contains(token("secret-access-token"));
  }

  @Test
  void aNewLoginReplacesTheOldOneAndStaysOwnerOnly() throws Exception {
    TokenCache cache = new TokenCache(temp);
    cache.save(token("first"));

    cache.save(token("second"));

    assertThat(cache.load().orElseThrow().accessToken()).isEqualTo("second");
    assertThat(mode(cache.file())).isEqualTo("rw-------");
    try (var files = Files.list(temp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("token.json");
    }
  }

  @Test
  void aFileThatIsNotALoginReadsAsNotLoggedIn() throws Exception {
    TokenCache cache = new TokenCache(temp);
    Files.writeString(cache.file(), "not json");

    assertThat(cache.load()).isEmpty();
    assertThat(new TokenCache(temp.resolve("missing")).load()).isEmpty();
  }

  @Test
  void aTokenNeverShowsInItsString() {
    assertThat(token("secret-access-token").toString())
        .doesNotContain("secret-access-token")
        .contains("accessToken=***");
  }
}
