package dev.gort.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code gort --version}: the build's version, from the jar's manifest. */
public final class GortVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = GortVersion.class.getPackage().getImplementationVersion();
    return new String[] {"gort " + (version == null ? "(development build)" : version)};
  }
}
