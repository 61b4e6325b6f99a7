package dev.gort.provisioner.cloud;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The OpenStack cloud ({@code gort.provisioner.cloud.*}), usually mapped from the standard {@code
 * OS_*} variables in application.properties. Without {@code auth-url} no cloud is configured and
 * environments are refused with a clear error.
 */
@ConfigMapping(prefix = "gort.provisioner.cloud")
public interface CloudConfig {

  /** Keystone v3 URL, e.g. {@code https://chi.uc.chameleoncloud.org:5000/v3} (OS_AUTH_URL). */
  Optional<String> authUrl();

  /** User name (OS_USERNAME). */
  Optional<String> username();

  /** Password (OS_PASSWORD); secret: never logged. */
  Optional<String> password();

  /** Project the token is scoped to, by name (OS_PROJECT_NAME). */
  Optional<String> projectName();

  /** Domain of the user (OS_USER_DOMAIN_NAME). */
  @WithDefault("Default")
  String userDomainName();

  /** Domain of the project (OS_PROJECT_DOMAIN_NAME). */
  @WithDefault("Default")
  String projectDomainName();

  /** Region whose endpoints are used (OS_REGION_NAME); absent = the catalog's first public one. */
  Optional<String> region();

  /** External network floating IPs are allocated on. */
  @WithDefault("public")
  String externalNetwork();

  /** Nova flavor of the bare-metal servers. */
  @WithDefault("baremetal")
  String flavor();

  /** Connect timeout of one API call. */
  @WithDefault("PT10S")
  Duration connectTimeout();

  /** Response timeout of one API call. */
  @WithDefault("PT30S")
  Duration requestTimeout();

  /** A token this close to its expiry is renewed before the next call. */
  @WithDefault("PT5M")
  Duration tokenRenewBefore();
}
