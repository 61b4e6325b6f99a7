package dev.gort.provisioner.cloud;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of a configured cloud (see {@link CloudConfig}); {@link #toString()} leaves the
 * password out.
 */
public record CloudSettings(
    String authUrl,
    String username,
    String password,
    String projectName,
    String userDomainName,
    String projectDomainName,
    String region,
    String externalNetwork,
    String flavor,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration tokenRenewBefore) {

  public CloudSettings {
    Objects.requireNonNull(authUrl, "authUrl");
    authUrl = authUrl.endsWith("/") ? authUrl.substring(0, authUrl.length() - 1) : authUrl;
  }

  /** The settings of {@code config}, or an exception saying which property is missing. */
  static CloudSettings from(CloudConfig config) {
    String authUrl = config.authUrl().orElseThrow();
    return new CloudSettings(
        authUrl,
        required(config.username().orElse(null), "username (OS_USERNAME)"),
        required(config.password().orElse(null), "password (OS_PASSWORD)"),
        required(config.projectName().orElse(null), "project-name (OS_PROJECT_NAME)"),
        config.userDomainName(),
        config.projectDomainName(),
        config.region().filter(r -> !r.isBlank()).orElse(null),
        config.externalNetwork(),
        config.flavor(),
        config.connectTimeout(),
        config.requestTimeout(),
        config.tokenRenewBefore());
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "gort.provisioner.cloud.auth-url is set but gort.provisioner.cloud." + name + " is not");
    }
    return value;
  }

  @Override
  public String toString() {
    return "CloudSettings[authUrl="
        + authUrl
        + ", username="
        + username
        + ", password=***, projectName="
        + projectName
        + ", userDomainName="
        + userDomainName
        + ", projectDomainName="
        + projectDomainName
        + ", region="
        + region
        + "]";
  }
}
