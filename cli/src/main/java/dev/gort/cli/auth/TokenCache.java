package dev.gort.cli.auth;

import dev.gort.cli.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The login kept between commands: {@code token.json} in gort's home, readable by its owner only.
 * The file is created with mode 0600 (and the home with 0700) as it comes into being, never widened
 * and narrowed afterwards, and replaced atomically so no reader sees half a token.
 */
public final class TokenCache {

  static final String FILE = "token.json";
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");

  private final Path home;

  public TokenCache(Path home) {
    this.home = home;
  }

  public Path file() {
    return home.resolve(FILE);
  }

  /** The cached login, if there is one that can be read. */
  public Optional<StoredToken> load() {
    Path file = file();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readValue(file.toFile(), StoredToken.class));
    } catch (IOException e) {
      return Optional.empty(); // unreadable or not ours: as if not logged in
    }
  }

  public void save(StoredToken token) {
    try {
      createHome();
      Path temp = Files.createTempFile(home, ".token-", ".tmp", ownerOnly(OWNER_ONLY_FILE));
      try {
        Files.write(temp, Json.MAPPER.writeValueAsBytes(token));
        Files.move(
            temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the login could not be saved in " + home, e);
    }
  }

  public void clear() {
    try {
      Files.deleteIfExists(file());
    } catch (IOException e) {
      throw new UncheckedIOException("the login could not be removed from " + home, e);
    }
  }

  private void createHome() throws IOException {
    if (Files.isDirectory(home)) {
      return;
    }
    Path parent = home.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(home, ownerOnly(OWNER_ONLY_DIR));
    } catch (FileAlreadyExistsException e) {
      // made by a concurrent command
    }
  }

  private FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
    boolean posix = home.getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }
}
